package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Stamp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.concordbridge.core.conflict.Rig.row;
import static io.concordbridge.core.conflict.Rig.with;
import static org.assertj.core.api.Assertions.assertThat;

class ColumnStatesTest {

    private static final TablePolicy MERGE = Rig.LWW.withResolve(ResolveMode.COLUMN_MERGE);
    private static final Map<String, Object> BASE = row("id", 1L, "name", "pen", "note", "a");
    private static final Cells BASE_CELLS = Cells.all(BASE.keySet(), new Stamp(1, "dc1"));

    private static Change written(Change c, Cells prior) {
        return c.withCells(Cells.written(c, prior));
    }

    @Test
    void aLaterUpdateRevivesADeletedRowWithTheLatestValueOfEveryColumn() {
        Change note = written(Rig.update(BASE, with(BASE, "note", "b"), new Stamp(10, "dc2")), BASE_CELLS);
        Change delete = written(Rig.delete(BASE, new Stamp(20, "dc3")), BASE_CELLS);
        Change name = written(Rig.update(BASE, with(BASE, "name", "ink"), new Stamp(30, "dc1")), BASE_CELLS);
        LocalRow start = LocalRow.of(BASE, new Stamp(1, "dc1"), BASE_CELLS);

        LocalRow noteFirst = Rig.apply(Rig.apply(Rig.apply(start, note, MERGE).after(), delete, MERGE).after(), name,
                MERGE).after();
        LocalRow nameFirst = Rig.apply(Rig.apply(Rig.apply(start, name, MERGE).after(), delete, MERGE).after(), note,
                MERGE).after();

        assertThat(noteFirst.row()).isEqualTo(row("id", 1L, "name", "ink", "note", "b"));
        assertThat(Rig.sameState(noteFirst, nameFirst)).as(Rig.show(noteFirst) + " / " + Rig.show(nameFirst)).isTrue();
        assertThat(noteFirst.stamp()).isEqualTo(new Stamp(30, "dc1"));
    }

    @Test
    void aDeleteLaterThanEveryWriteRemovesTheRowAndItsTombstoneKeepsTheColumns() {
        Change name = written(Rig.update(BASE, with(BASE, "name", "ink"), new Stamp(10, "dc1")), BASE_CELLS);
        Change delete = written(Rig.delete(BASE, new Stamp(20, "dc3")), BASE_CELLS);

        LocalRow after = Rig.apply(Rig.apply(LocalRow.of(BASE, new Stamp(1, "dc1"), BASE_CELLS), name, MERGE).after(),
                delete, MERGE).after();

        assertThat(after.present()).isFalse();
        assertThat(after.tombstone()).isTrue();
        assertThat(after.last()).containsEntry("name", "ink");
        assertThat(after.cells().of("name")).isEqualTo(new Stamp(10, "dc1"));
    }

    @Test
    void withoutColumnStampsTheProposedStateStands() {
        Change plain = Rig.update(BASE, with(BASE, "name", "ink"), new Stamp(10, "dc1"));
        LocalRow proposed = LocalRow.of(with(BASE, "name", "ink"), new Stamp(10, "dc1"));

        assertThat(ColumnStates.next(LocalRow.of(BASE, null), plain, proposed, MERGE)).isSameAs(proposed);
        assertThat(ColumnStates.next(LocalRow.of(BASE, null), written(plain, BASE_CELLS), proposed, Rig.LWW))
                .as("a table that does not merge per column").isSameAs(proposed);
    }

    @Test
    void aColumnFromBeforeTheBridgeLosesToAnyStampedWriteAndKeepsItsValueOtherwise() {
        Change name = written(Rig.update(BASE, with(BASE, "name", "ink"), new Stamp(10, "dc2")), null);
        LocalRow local = LocalRow.of(with(BASE, "note", "local"), null);

        LocalRow next = Rig.apply(local, name, MERGE).after();

        assertThat(next.row()).containsEntry("name", "ink").containsEntry("note", "local");
        assertThat(next.cells().stamps()).containsEntry("name", new Stamp(10, "dc2")).containsEntry("note", null);
        assertThat(List.copyOf(next.row().keySet())).containsExactly("id", "name", "note");
    }
}
