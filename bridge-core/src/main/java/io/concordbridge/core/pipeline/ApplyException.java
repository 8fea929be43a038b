package io.concordbridge.core.pipeline;

/**
 * An apply that failed. {@link #transientFailure()} ones (connection lost, deadlock, lock wait)
 * are retried with backoff after {@link ApplyTarget#open()}; the others stop that target's lane
 * with the message, leaving the other leaders replicating.
 */
public class ApplyException extends Exception {

    private final boolean transientFailure;

    public ApplyException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
