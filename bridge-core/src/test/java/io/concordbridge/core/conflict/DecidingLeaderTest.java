package io.concordbridge.core.conflict;

import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DecidingLeaderTest {

    private static final TableId T = new TableId("shop", "orders");

    private static Conflict between(String local, String remote) {
        return new Conflict(ConflictType.UPDATE_DIFFERING, T, new RowKey(T, List.of(1L)), Map.of("id", 1L),
                new Version(local, local == null ? null : new Stamp(1, local), Map.of("id", 1L)),
                new Version(remote, new Stamp(2, remote), Map.of("id", 1L)));
    }

    @Test
    void everyLeaderNamesTheSameOneWhicheverSideItSawLocally() {
        List<String> order = List.of("dc2", "dc1", "dc3");
        assertThat(between("dc1", "dc3").decidingLeader(order, "dc1")).isEqualTo("dc1");
        assertThat(between("dc3", "dc1").decidingLeader(order, "dc3")).isEqualTo("dc1");
        assertThat(between("dc1", "dc3").decidingLeader(order, "dc2")).isEqualTo("dc1");
    }

    @Test
    void unlistedLeadersRankLastAndTiesGoToTheNameThatSortsFirst() {
        assertThat(between("eu", "asia").decidingLeader(List.of("dc1"), "eu")).isEqualTo("asia");
        assertThat(between("asia", "eu").decidingLeader(List.of("dc1"), "asia")).isEqualTo("asia");
        assertThat(between("eu", "dc1").decidingLeader(List.of("dc1"), "eu")).isEqualTo("dc1");
    }

    @Test
    void aRowOlderThanTheBridgeCountsAsTheApplyingLeaders() {
        assertThat(between(null, "dc1").decidingLeader(List.of("dc2", "dc1"), "dc2")).isEqualTo("dc2");
    }
}
