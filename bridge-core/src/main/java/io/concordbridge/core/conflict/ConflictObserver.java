package io.concordbridge.core.conflict;

/**
 * Hears of conflicts as the apply commits them, and of what handlers and resolutions did, for
 * metrics and notifications. Called on the apply's (or the handler results') thread: an
 * implementation must be thread-safe and quick, and must not throw.
 */
public interface ConflictObserver {

    /** Observes nothing. */
    ConflictObserver NONE = new ConflictObserver() {
    };

    /** A conflict met at {@code leader} and how it was decided; the apply that recorded it committed. */
    default void decided(String leader, Conflict conflict, Decision decision) {
    }

    /**
     * A handler answered for a conflict of {@code table}, at the leader designated for it, {@code micros}
     * after the conflict was handed to it (queueing in the pool included).
     */
    default void handled(String leader, String table, HandlerVerdict verdict, long micros) {
    }

    /** A resolution of a stored conflict of {@code table} arrived at {@code leader} and was applied. */
    default void resolved(String leader, String table) {
    }
}
