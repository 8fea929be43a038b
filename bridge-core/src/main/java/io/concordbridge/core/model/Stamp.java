package io.concordbridge.core.model;

import java.util.Objects;

/**
 * A version stamp: hybrid-logical-clock microseconds plus the origin leader's name as tie-break.
 * Totally ordered and the same on every leader.
 */
public record Stamp(long micros, String leader) implements Comparable<Stamp> {

    public Stamp {
        Objects.requireNonNull(leader, "leader");
    }

    @Override
    public int compareTo(Stamp o) {
        int c = Long.compare(micros, o.micros);
        return c != 0 ? c : leader.compareTo(o.leader);
    }

    public boolean isAfter(Stamp o) {
        return compareTo(o) > 0;
    }

    @Override
    public String toString() {
        return micros + "@" + leader;
    }
}
