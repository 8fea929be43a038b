package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A batch split into the row changes to apply and the resolutions of stored conflicts that came with
 * them (rows of the meta schema's resolution table, captured where the conflict was resolved). The
 * row changes of a resolving transaction are decided by stamp whatever the table's policy: two
 * resolutions of one conflict converge on the later one. Immutable.
 *
 * @param data      the batch's transactions, without resolution rows (the same instances when it has none)
 * @param resolving the transactions of {@code data} that carried a resolution (identity)
 * @param markers   the resolutions, in batch order
 */
record Arrivals(List<OriginTransaction> data, Set<OriginTransaction> resolving, List<Arrival> markers) {

    /** A resolution and the origin that wrote it. */
    record Arrival(String origin, ResolutionMarker marker) {
    }

    static Arrivals split(List<OriginTransaction> txs, TableId markerTable) {
        if (txs.stream().noneMatch(tx -> touches(tx, markerTable))) {
            return new Arrivals(txs, Set.of(), List.of());
        }
        List<OriginTransaction> data = new ArrayList<>(txs.size());
        Set<OriginTransaction> resolving = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Arrival> markers = new ArrayList<>();
        for (OriginTransaction tx : txs) {
            if (!touches(tx, markerTable)) {
                data.add(tx);
                continue;
            }
            List<Change> rows = new ArrayList<>(tx.size());
            for (Change c : tx.changes()) {
                if (c.table().equals(markerTable)) {
                    ResolutionMarker.of(c, markerTable).ifPresent(m -> markers.add(new Arrival(tx.origin(), m)));
                } else {
                    rows.add(c);
                }
            }
            OriginTransaction without = new OriginTransaction(tx.origin(), tx.seq(), tx.txId(), tx.position(),
                    tx.commitMillis(), tx.capturedMillis(), rows, tx.resumeToken());
            data.add(without);
            resolving.add(without);
        }
        return new Arrivals(data, resolving, markers);
    }

    private static boolean touches(OriginTransaction tx, TableId markerTable) {
        for (Change c : tx.changes()) {
            if (c.table().equals(markerTable)) {
                return true;
            }
        }
        return false;
    }
}
