package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static io.concordbridge.core.conflict.Rig.TABLE;
import static io.concordbridge.core.conflict.Rig.row;
import static io.concordbridge.core.conflict.Rig.stamp;
import static io.concordbridge.core.conflict.Rig.with;
import static org.assertj.core.api.Assertions.assertThat;

class ConflictIdTest {

    private static final Stamp A = stamp(100, "dc1");
    private static final Stamp B = stamp(200, "dc2");
    private static final Map<String, Object> BASE = row("id", 7L, "name", "pen");

    @Test
    void bothLeadersComputeTheSameIdForTheSameTwoVersions() {
        Change atA = Rig.update(BASE, with(BASE, "name", "ink"), A);
        Change atB = Rig.update(BASE, with(BASE, "name", "cap"), B);

        Conflict atM = Conflict.of(ConflictType.UPDATE_DIFFERING, atB, LocalRow.of(atA.after(), A));
        Conflict atO = Conflict.of(ConflictType.UPDATE_DIFFERING, atA, LocalRow.of(atB.after(), B));
        Conflict deleteSide = Conflict.of(ConflictType.UPDATE_MISSING, atA, LocalRow.tombstone(B));

        assertThat(atM.conflictId()).matches("[0-9a-f]{32}").isEqualTo(atO.conflictId()).isEqualTo(deleteSide.conflictId());
    }

    @Test
    void theIdDependsOnTableKeyAndStamps() {
        Conflict c = conflict(List.of(7L), A, B);

        assertThat(c.conflictId()).isNotEqualTo(conflict(List.of(8L), A, B).conflictId())
                .isNotEqualTo(conflict(List.of(7L), A, stamp(201, "dc2")).conflictId())
                .isNotEqualTo(conflict(List.of(7L), A, stamp(200, "dc3")).conflictId())
                .isNotEqualTo(conflict(List.of("7"), A, B).conflictId())
                .isEqualTo(conflict(List.of(BigInteger.valueOf(7)), A, B).conflictId());
        assertThat(conflict(List.of(new BigDecimal("1.50")), A, B).conflictId())
                .isEqualTo(conflict(List.of(new BigDecimal("1.5")), A, B).conflictId());
        assertThat(conflict(List.of("a;b", "c"), A, B).conflictId()).isNotEqualTo(conflict(List.of("a", "b;c"), A, B).conflictId());
    }

    @Test
    void aUniqueViolationHasTheSameIdAtBothLeadersThoughTheirKeysDiffer() {
        Map<String, Object> seven = row("id", 7L, "email", "a@x");
        Map<String, Object> eight = row("id", 8L, "email", "a@x");
        RowKey k7 = new RowKey(TABLE, List.of(7L));
        RowKey k8 = new RowKey(TABLE, List.of(8L));

        Conflict atM = Conflict.uniqueViolation(Rig.insert(eight, B), new UniqueClash("uk_email", k7), LocalRow.of(seven, A));
        Conflict atO = Conflict.uniqueViolation(Rig.insert(seven, A), new UniqueClash("uk_email", k8), LocalRow.of(eight, B));

        assertThat(atM.conflictId()).isEqualTo(atO.conflictId());
        assertThat(atM.detail()).isEqualTo("unique index uk_email, held by shop.items 7");
    }

    private static Conflict conflict(List<Object> key, Stamp local, Stamp remote) {
        return new Conflict(ConflictType.UPDATE_DIFFERING, TABLE, new RowKey(TABLE, key), BASE,
                new Version(local.leader(), local, BASE), new Version(remote.leader(), remote, BASE));
    }
}
