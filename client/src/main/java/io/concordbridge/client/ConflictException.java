package io.concordbridge.client;

/**
 * A request about a stored conflict that cannot be carried out: no such conflict, already resolved,
 * or a choice that does not fit it. The message says which and what to do.
 */
public class ConflictException extends RuntimeException {

    /** What went wrong, for callers that answer differently (HTTP 404 or 409, an exit code). */
    public enum Reason { NOT_FOUND, ALREADY_RESOLVED, INVALID }

    private final Reason reason;

    public ConflictException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
