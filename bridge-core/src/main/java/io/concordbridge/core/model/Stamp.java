package io.concordbridge.core.model;

import java.util.Objects;

/**
 * A version stamp: hybrid-logical-clock microseconds plus the origin leader's name as tie-break.
 * Totally ordered and the same on every leader.
 *
 * <p>A stamp also carries the version's {@code precedence}, its place in the order of a table
 * resolved by leader priority, in the same microseconds: the stamp's micros raised by the writing
 * leader's place in the priority list and never below one above the precedence of the version it
 * was written on top of (see {@code TablePolicy#precedence}). It is fixed once, where the version is
 * written, and travels with the stamp. It is an attribute of the version, not part of its identity:
 * {@link #equals}, {@link #hashCode} and {@link #compareTo} see micros and leader only. Where no
 * table resolves by priority, precedence equals micros.
 */
public record Stamp(long micros, String leader, long precedence) implements Comparable<Stamp> {

    public Stamp {
        Objects.requireNonNull(leader, "leader");
    }

    /** A stamp whose precedence is its micros. */
    public Stamp(long micros, String leader) {
        this(micros, leader, micros);
    }

    /** This stamp with another precedence. */
    public Stamp withPrecedence(long value) {
        return value == precedence ? this : new Stamp(micros, leader, value);
    }

    @Override
    public int compareTo(Stamp o) {
        int c = Long.compare(micros, o.micros);
        return c != 0 ? c : leader.compareTo(o.leader);
    }

    /** Precedence order, then stamp order: a total order that puts a version above the one it was written on. */
    public int comparePrecedence(Stamp o) {
        int c = Long.compare(precedence, o.precedence);
        return c != 0 ? c : compareTo(o);
    }

    public boolean isAfter(Stamp o) {
        return compareTo(o) > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stamp s && micros == s.micros && leader.equals(s.leader);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(micros) * 31 + leader.hashCode();
    }

    @Override
    public String toString() {
        return precedence == micros ? micros + "@" + leader : micros + "@" + leader + "^" + precedence;
    }
}
