package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.transport.LogHead;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordCodecTest {

    @Test
    void theOffsetGivesTheSeqAndTheHeadCarriesTheHighWater() {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", 7L);
        after.put("note", null);
        OriginTransaction tx = new OriginTransaction("dc1", 0, "0-1-9", "bin.000002:400", 1_000, 1_100,
                List.of(new Change(new TableId("shop", "orders"), Op.INSERT, List.of("id"), null, after,
                        new Stamp(5_000, "dc1"))), "token");
        long high = RecordCodec.highWater(tx, 4_000);
        assertThat(high).isEqualTo(5_000);

        RecordCodec.Decoded d = RecordCodec.decode("dc1", "concord.shop.dc1", 41, RecordCodec.encode(tx, high));

        assertThat(d.tx()).isEqualTo(tx.withSeq(42));
        assertThat(d.head()).isEqualTo(new LogHead(42, "0-1-9", "bin.000002:400", "token", 5_000));
        assertThat(RecordCodec.highWater(tx, 9_000)).as("never below the floor").isEqualTo(9_000);
    }

    @Test
    void aRecordNotWrittenByTheBridgeIsNamedWithTopicAndOffset() {
        assertThatThrownBy(() -> RecordCodec.decode("dc1", "concord.shop.dc1", 3, "hello".getBytes()))
                .hasMessageContaining("record 3 of topic concord.shop.dc1 is not a transaction of leader dc1");
        assertThatThrownBy(() -> RecordCodec.decode("dc1", "concord.shop.dc1", 3, null))
                .hasMessageContaining("has no value");
    }
}
