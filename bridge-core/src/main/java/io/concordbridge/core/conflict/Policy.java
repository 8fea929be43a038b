package io.concordbridge.core.conflict;

/**
 * A built-in resolution policy. A policy is a pure function of the two versions, the base and the
 * table's settings, symmetric in local and remote, so every leader that meets the same conflict
 * decides the same row and stamp. Implementations are stateless and thread-safe.
 */
public interface Policy {

    /** The name in decisions and the conflict history, as in the config ({@code last-writer-wins}). */
    String name();

    /**
     * The whole-row order of versions: positive when {@code a} wins over {@code b}. A total order,
     * the same on every leader; it also picks the stamp kept when both sides wrote the same row.
     */
    int compare(Version a, Version b, TablePolicy p);

    /** Resolves a conflict between two versions that both exist as a row or a delete. */
    Decision decide(Conflict c, TablePolicy p);
}
