package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.client.Choice;
import io.concordbridge.core.config.TableConfig;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictType;
import io.concordbridge.core.conflict.DetectMode;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HandlerDispatchTest {

    private static final TableId ORDERS = new TableId("shop", "orders");
    private static final TableConfig HANDLED = new TableConfig(ORDERS, DetectMode.ROW, null, ResolveMode.HANDLER,
            List.of("dc2", "dc1", "dc3"), Set.of(), "orders.groovy", ResolveMode.MANUAL, null);

    private static Conflict conflict(String localLeader, String remoteLeader) {
        return new Conflict(ConflictType.UPDATE_DIFFERING, ORDERS, new RowKey(ORDERS, List.of(1L)),
                Map.of("id", 1L, "qty", 1L),
                new Version(localLeader, localLeader == null ? null : new Stamp(10, localLeader),
                        Map.of("id", 1L, "qty", 2L)),
                new Version(remoteLeader, new Stamp(20, remoteLeader), Map.of("id", 1L, "qty", 3L)));
    }

    private static HandlerDispatch at(String leader) {
        return new HandlerDispatch(leader, null, Map.of(ORDERS, HANDLED), null, 100, io.concordbridge.core.conflict.ConflictObserver.NONE);
    }

    @Test
    void onlyTheFirstInPriorityOrderOfTheConflictingLeadersRunsTheHandler() {
        assertThat(at("dc2").designatedHere(conflict("dc2", "dc1"))).isTrue();
        assertThat(at("dc1").designatedHere(conflict("dc1", "dc2"))).as("dc2 ranks first").isFalse();
        assertThat(at("dc3").designatedHere(conflict("dc1", "dc2"))).as("a third leader never").isFalse();
        assertThat(at("dc1").designatedHere(conflict("dc1", "dc3"))).isTrue();
    }

    @Test
    void aRowThatPredatesTheBridgeCountsAsTheApplyingLeaders() {
        assertThat(at("dc2").designatedHere(conflict(null, "dc1"))).isTrue();
        assertThat(at("dc3").designatedHere(conflict(null, "dc1"))).as("dc1 ranks before dc3").isFalse();
    }

    @Test
    void tablesWithAnotherPolicyAreNeverDispatched() {
        HandlerDispatch d = new HandlerDispatch("dc2", null, Map.of(), null, 100, io.concordbridge.core.conflict.ConflictObserver.NONE);
        assertThat(d.designatedHere(conflict("dc2", "dc1"))).isFalse();
    }

    @Test
    void eachVerdictBecomesTheResolutionItNames() {
        Conflict c = conflict("dc2", "dc1");
        assertThat(HandlerDispatch.choice(c, verdict(HandlerVerdict.Kind.KEEP_LOCAL, null)))
                .isEqualTo(Choice.row(Map.of("id", 1L, "qty", 2L)));
        assertThat(HandlerDispatch.choice(c, verdict(HandlerVerdict.Kind.TAKE_REMOTE, null)))
                .isEqualTo(Choice.row(Map.of("id", 1L, "qty", 3L)));
        assertThat(HandlerDispatch.choice(c, verdict(HandlerVerdict.Kind.MERGED, Map.of("id", 1L, "qty", 4L))))
                .isEqualTo(Choice.row(Map.of("id", 1L, "qty", 4L)));
        assertThat(HandlerDispatch.choice(c, verdict(HandlerVerdict.Kind.DELETE, null))).isEqualTo(Choice.delete());
        assertThat(HandlerDispatch.choice(c, verdict(HandlerVerdict.Kind.DEFER, null))).isNull();
        assertThat(HandlerDispatch.choice(c, verdict(HandlerVerdict.Kind.FAILED, null))).isNull();
    }

    private static HandlerVerdict verdict(HandlerVerdict.Kind kind, Map<String, Object> row) {
        return new HandlerVerdict(kind, row, "", "orders.groovy@1");
    }
}
