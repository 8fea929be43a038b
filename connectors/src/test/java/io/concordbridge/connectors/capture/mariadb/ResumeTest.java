package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.transport.LogHead;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResumeTest {

    @Test
    void positionsOrderByFileSequenceThenOffset() {
        BinlogPosition a = BinlogPosition.parse("binlog.000009:500");
        BinlogPosition b = BinlogPosition.parse("binlog.000010:4");
        BinlogPosition c = BinlogPosition.parse("binlog.1000000:4");
        assertThat(b.isAfter(a)).isTrue();
        assertThat(c.isAfter(b)).as("more digits after 999999").isTrue();
        assertThat(BinlogPosition.parse("binlog.000010:5").isAfter(b)).isTrue();
        assertThat(b.toString()).isEqualTo("binlog.000010:4");
        assertThatThrownBy(() -> BinlogPosition.parse("binlog.000010")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokenAfterATransactionAddsItsGtidAndDropsInTransactionCounters() {
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("transaction_id", "0-1-5");
        end.put("ts_sec", 1795697414L);
        end.put("file", "binlog.000001");
        end.put("pos", 1131L);
        end.put("gtids", "0-1-4,1-7-90");
        end.put("server_id", 1L);
        end.put("event", 3L);
        end.put("row", 1L);
        end.put("transaction_data_collection_order_app.t", 1L);
        String token = ResumeToken.afterTransaction(end, "0-1-5");
        assertThat(ResumeToken.parse(token)).containsOnlyKeys("file", "pos", "gtids", "ts_sec", "server_id")
                .containsEntry("gtids", "0-1-5,1-7-90").containsEntry("pos", 1131);
    }

    @Test
    void gtidReplacesThePreviousOneOfItsDomain() {
        assertThat(ResumeToken.withGtid(null, "0-1-1")).isEqualTo("0-1-1");
        assertThat(ResumeToken.withGtid("0-1-4", "0-2-5")).isEqualTo("0-2-5");
        assertThat(ResumeToken.withGtid("0-1-4,\n3-1-8", "3-1-9")).isEqualTo("0-1-4,3-1-9");
        assertThat(ResumeToken.withGtid("0-1-4", "2-1-1")).isEqualTo("0-1-4,2-1-1");
    }

    @Test
    void tokensThatAreNotOursAreRefused() {
        assertThatThrownBy(() -> ResumeToken.parse("{\"lsn\":42}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResumeToken.parse("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ResumeToken.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void guardDropsTheHeadTransactionAndAnythingNotAfterIt() {
        ResumeGuard afterTx = new ResumeGuard(new LogHead(7, "0-1-5", "binlog.000002:1131",
                "{\"file\":\"binlog.000002\",\"pos\":1131,\"gtids\":\"0-1-5\"}", 0));
        assertThat(afterTx.alreadyAccepted("0-1-5", BinlogPosition.parse("binlog.000003:4"))).isTrue();
        assertThat(afterTx.alreadyAccepted("0-1-4", BinlogPosition.parse("binlog.000002:900"))).isTrue();
        assertThat(afterTx.alreadyAccepted("0-1-9", BinlogPosition.parse("binlog.000002:1131"))).isTrue();
        assertThat(afterTx.alreadyAccepted("0-1-6", BinlogPosition.parse("binlog.000002:1345"))).isFalse();
        assertThat(afterTx.alreadyAccepted("0-1-6", BinlogPosition.parse("binlog.000003:4"))).isFalse();

        ResumeGuard anchor = new ResumeGuard(new LogHead(1, null, "binlog.000002:1131",
                "{\"file\":\"binlog.000002\",\"pos\":1131,\"gtids\":\"0-1-4\"}", 0));
        assertThat(anchor.alreadyAccepted("0-1-5", BinlogPosition.parse("binlog.000002:1131")))
                .as("a transaction starting at an anchor is new").isFalse();
        assertThat(anchor.alreadyAccepted("0-1-4", BinlogPosition.parse("binlog.000002:900"))).isTrue();

        assertThat(new ResumeGuard(null).alreadyAccepted("0-1-1", BinlogPosition.parse("binlog.000001:4"))).isFalse();
    }
}
