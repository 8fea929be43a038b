package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Stamp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random rows of one table and concurrent versions of them, from one seeded {@link Random}. Values
 * come from small domains so that leaders often write the same value, and stamps from a narrow
 * range so that equal micros (ordered by leader name) occur.
 */
final class RandomRows {

    static final List<String> LEADERS = List.of("dc1", "dc2", "dc3");
    static final List<String> COUNTERS = List.of("qty", "amount", "score", "big");
    private static final List<String> PLAIN = List.of("name", "price", "tag");
    private static final String[] NAMES = {"pen", "ink", "cap", "nib", null};
    private static final String[] PRICES = {"1.50", "1.5", "2", "3.25", "0"};

    private final Random rnd;
    private final boolean counters;
    private final boolean versioned;
    private final TablePolicy policy;

    RandomRows(Random rnd, TablePolicy p) {
        this.rnd = rnd;
        this.policy = p;
        this.counters = !p.counters().isEmpty();
        this.versioned = p.detect() == DetectMode.VERSION_COLUMN;
    }

    /** A policy of the given modes, with counters or not, and a random priority list (possibly empty or partial). */
    static TablePolicy policy(DetectMode detect, ResolveMode resolve, boolean counters, Random rnd) {
        TablePolicy p = Rig.LWW.withDetect(detect, detect == DetectMode.VERSION_COLUMN ? "ver" : null).withResolve(resolve);
        List<String> shuffled = new ArrayList<>(LEADERS);
        Collections.shuffle(shuffled, rnd);
        p = p.withPriority(shuffled.subList(0, rnd.nextInt(LEADERS.size() + 1)));
        return counters ? p.withCounters(COUNTERS) : p;
    }

    Map<String, Object> row() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("name", pick(NAMES));
        row.put("price", new BigDecimal(pick(PRICES)));
        row.put("tag", new byte[] {(byte) rnd.nextInt(3)});
        row.put("ver", (long) rnd.nextInt(5));
        for (String c : COUNTERS) {
            row.put(c, rnd.nextInt(7) == 0 ? null : counterValue(c, null, 20));
        }
        return row;
    }

    /** A base row, or null (absent) one time in five. */
    Map<String, Object> base() {
        return rnd.nextInt(5) == 0 ? null : row();
    }

    /** A version made from {@code base}: an insert's row when it is absent; else an update's row, or null (a delete). */
    Map<String, Object> versionOf(Map<String, Object> base, boolean deletes) {
        if (base == null) {
            return row();
        }
        if (deletes && rnd.nextInt(4) == 0) {
            return null;
        }
        Map<String, Object> after;
        do {
            after = new LinkedHashMap<>(base);
            for (String c : PLAIN) {
                if (rnd.nextInt(5) < 2) {
                    after.put(c, row().get(c));
                }
            }
            for (String c : COUNTERS) {
                if (rnd.nextInt(counters ? 2 : 4) == 0) {
                    after.put(c, counters ? counterValue(c, base.get(c), 6) : row().get(c));
                }
            }
            if (versioned) {
                after.put("ver", (Long) base.get("ver") + 1 + rnd.nextInt(3));
            }
        } while (Rows.same(after, base));
        return after;
    }

    /** An update that changes only counters, by random deltas; the deltas are added to {@code sums}. */
    Map<String, Object> counterUpdate(Map<String, Object> base, Map<String, BigDecimal> sums) {
        Map<String, Object> after = new LinkedHashMap<>(base);
        for (String c : COUNTERS) {
            Object v = counterValue(c, base.get(c), 6);
            after.put(c, v);
            sums.merge(c, delta(base.get(c), v), BigDecimal::add);
        }
        if (versioned) {
            after.put("ver", (Long) base.get("ver") + 1 + rnd.nextInt(3));
        }
        return after;
    }

    Stamp stamp(String leader) {
        long micros = 1000 + rnd.nextInt(8);
        return new Stamp(micros, leader, policy.precedence(leader, micros, null));
    }

    /** The stamp of the base: unknown (from before the bridge) one time in five, else older than every version. */
    Stamp baseStamp() {
        return rnd.nextInt(5) == 0 ? null : new Stamp(rnd.nextInt(100), pick(LEADERS.toArray(String[]::new)));
    }

    static BigDecimal delta(Object from, Object to) {
        return number(to).subtract(number(from));
    }

    static BigDecimal number(Object v) {
        if (v == null) {
            return BigDecimal.ZERO;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        return v instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf((Long) v);
    }

    /** {@code from} (null: 0) plus a random step within {@code range}, in the column's type. */
    private Object counterValue(String col, Object from, int range) {
        int step = rnd.nextInt(2 * range + 1) - range;
        return switch (col) {
            case "qty" -> (from == null ? 0L : (Long) from) + step;
            case "amount" -> (from == null ? BigDecimal.ZERO : (BigDecimal) from).add(BigDecimal.valueOf(step, rnd.nextInt(3)));
            case "score" -> (from == null ? 0.0 : (Double) from) + step * 0.25;
            case "big" -> (from == null ? BigInteger.ZERO : (BigInteger) from).add(BigInteger.valueOf(step));
            default -> throw new IllegalArgumentException(col);
        };
    }

    private <T> T pick(T[] values) {
        return values[rnd.nextInt(values.length)];
    }
}
