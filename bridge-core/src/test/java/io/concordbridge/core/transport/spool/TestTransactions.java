package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.transport.TransportReader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds transactions for spool tests: transaction n carries its number in txId, position and stamps. */
final class TestTransactions {

    static final TableId ORDERS = new TableId("shop", "orders");

    private TestTransactions() {
    }

    /** Transaction {@code n} of {@code origin} with {@code changes} updates stamped {@code n * 1000 + i}. */
    static OriginTransaction tx(String origin, long n, int changes) {
        List<Change> list = new ArrayList<>(changes);
        for (int i = 0; i < changes; i++) {
            Map<String, Object> before = row(n * 100 + i, "old", n);
            Map<String, Object> after = row(n * 100 + i, "new-" + n, n + 1);
            list.add(new Change(ORDERS, Op.UPDATE, List.of("id"), before, after, new Stamp(n * 1000 + i, origin)));
        }
        return new OriginTransaction(origin, 0, "gtid-" + n, "bin.000001:" + n, 1_700_000_000_000L + n,
                1_700_000_000_500L + n, list, "token-" + n);
    }

    /** An anchor: a transaction with no changes that records only a resume position. */
    static OriginTransaction anchor(String origin, long n) {
        return new OriginTransaction(origin, 0, null, "bin.000001:" + n, 0, 0, List.of(), "token-" + n);
    }

    /** Transactions {@code from .. from + count - 1}, each with {@code changes} changes. */
    static List<OriginTransaction> batch(String origin, long from, int count, int changes) {
        List<OriginTransaction> txs = new ArrayList<>(count);
        for (long n = from; n < from + count; n++) {
            txs.add(tx(origin, n, changes));
        }
        return txs;
    }

    /** Polls until {@code count} transactions came, failing if the spool goes quiet for 5 seconds. */
    static List<OriginTransaction> read(TransportReader reader, int count, int maxChanges) throws InterruptedException {
        List<OriginTransaction> out = new ArrayList<>(count);
        while (out.size() < count) {
            List<OriginTransaction> got = reader.poll(maxChanges, Duration.ofSeconds(5));
            if (got.isEmpty()) {
                throw new AssertionError("no transaction within 5 s after " + out.size() + " of " + count);
            }
            out.addAll(got);
        }
        return out;
    }

    /** What the spool should hand back for {@code txs} published from seq {@code firstSeq} on. */
    static List<OriginTransaction> withSeqs(List<OriginTransaction> txs, long firstSeq) {
        List<OriginTransaction> out = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            out.add(txs.get(i).withSeq(firstSeq + i));
        }
        return out;
    }

    private static Map<String, Object> row(long id, String status, long qty) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", id);
        row.put("status", status);
        row.put("qty", qty);
        row.put("note", null);
        return row;
    }
}
