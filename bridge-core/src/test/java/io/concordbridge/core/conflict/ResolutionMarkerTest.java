package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a resolution was made on: the highest stamp per leader, as stored and as checked. */
class ResolutionMarkerTest {

    private static final TableId MARKERS = new TableId("concord", ResolutionMarker.TABLE);

    @Test
    void aResolutionIsMadeOnEveryVersionOfALeaderUpToItsHighestSibling() {
        Map<String, Long> made = ResolutionMarker.highestPerLeader(Arrays.asList(new Stamp(100, "dc1"),
                new Stamp(250, "dc2"), new Stamp(180, "dc2"), null));
        assertThat(made).containsExactlyInAnyOrderEntriesOf(Map.of("dc1", 100L, "dc2", 250L));

        ResolutionMarker m = marker(made);
        assertThat(m.supersedes(new Stamp(250, "dc2"))).as("the sibling itself").isTrue();
        assertThat(m.supersedes(new Stamp(120, "dc2"))).as("an earlier version of the same leader").isTrue();
        assertThat(m.supersedes(new Stamp(251, "dc2"))).as("a later version of that leader").isFalse();
        assertThat(m.supersedes(new Stamp(50, "dc3"))).as("a leader it never saw, however early").isFalse();
    }

    @Test
    void theStoredTextRoundTripsInLeaderOrderAndAMarkerWithoutItSupersedesNothing() {
        ResolutionMarker m = marker(Map.of("dc2", 250L, "dc10", 7L, "dc1", 100L));
        assertThat(m.supersedesText()).isEqualTo("100@dc1 7@dc10 250@dc2");
        assertThat(ResolutionMarker.parseSupersedes(m.supersedesText())).isEqualTo(m.supersedes());

        Map<String, Object> row = new HashMap<>(Map.of("resolution_id", "r1", "conflict_id", "c1", "tbl", "db.t",
                "row_key", "id=1", "how", "row", "resolved_by", "alice", "note", "", "above_micros", 250L));
        ResolutionMarker old = ResolutionMarker.of(insert(row), MARKERS).orElseThrow();
        assertThat(old.supersedes()).as("a marker written before the column existed").isEmpty();
        assertThat(old.supersedes(new Stamp(1, "dc1"))).isFalse();

        row.put("supersedes", "100@dc1 250@dc2");
        assertThat(ResolutionMarker.of(insert(row), MARKERS).orElseThrow().supersedes(new Stamp(250, "dc2"))).isTrue();
    }

    @Test
    void aTokenThatIsNotMicrosAtLeaderIsRefusedByName() {
        assertThatThrownBy(() -> ResolutionMarker.parseSupersedes("100@dc1 dc2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'dc2'");
        assertThatThrownBy(() -> ResolutionMarker.parseSupersedes("x@dc1")).isInstanceOf(NumberFormatException.class);
    }

    private static ResolutionMarker marker(Map<String, Long> made) {
        return new ResolutionMarker("r1", "c1", "db.t", "id=1", "row", "alice", "", 250, made);
    }

    private static Change insert(Map<String, Object> row) {
        return new Change(MARKERS, Op.INSERT, List.of("resolution_id"), null, row, new Stamp(300, "dc1"));
    }
}
