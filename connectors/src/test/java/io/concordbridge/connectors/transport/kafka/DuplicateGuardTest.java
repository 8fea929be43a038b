package io.concordbridge.connectors.transport.kafka;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateGuardTest {

    @Test
    void aRunWrittenAgainIsRecognisedTransactionByTransaction() {
        DuplicateGuard guard = new DuplicateGuard(10);
        assertThat(guard.duplicate(tx("0-1-1", 100))).isFalse();
        assertThat(guard.duplicate(tx("0-1-2", 200))).isFalse();
        assertThat(guard.duplicate(tx("0-1-1", 100))).isTrue();
        assertThat(guard.duplicate(tx("0-1-2", 200))).isTrue();
        assertThat(guard.duplicate(tx("0-1-3", 300))).isFalse();
    }

    @Test
    void anchorsAreNeverDuplicates() {
        DuplicateGuard guard = new DuplicateGuard(10);
        OriginTransaction anchor = new OriginTransaction("dc1", 0, null, "bin.000001:100", 0, 0, List.of(), "t");
        assertThat(guard.duplicate(anchor)).isFalse();
        assertThat(guard.duplicate(anchor)).isFalse();
    }

    @Test
    void theSameTxIdAtAnotherPositionIsANewTransaction() {
        DuplicateGuard guard = new DuplicateGuard(10);
        assertThat(guard.duplicate(tx("0-1-1", 100))).isFalse();
        assertThat(guard.duplicate(tx("0-1-1", 4))).as("after RESET MASTER").isFalse();
    }

    @Test
    void onlyTheLastWindowIsRemembered() {
        DuplicateGuard guard = new DuplicateGuard(2);
        guard.duplicate(tx("a", 1));
        guard.duplicate(tx("b", 2));
        guard.duplicate(tx("c", 3));
        assertThat(guard.duplicate(tx("a", 1))).isFalse();
        assertThat(guard.duplicate(tx("c", 3))).isTrue();
    }

    private static OriginTransaction tx(String txId, long offset) {
        Change c = new Change(new TableId("shop", "orders"), Op.INSERT, List.of("id"), null, Map.of("id", 1), null);
        return new OriginTransaction("dc1", 0, txId, "bin.000001:" + offset, 0, 0, List.of(c), "t");
    }
}
