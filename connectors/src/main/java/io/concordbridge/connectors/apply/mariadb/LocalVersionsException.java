package io.concordbridge.connectors.apply.mariadb;

/**
 * Recording local writes' versions failed. Thrown out of the capture's sink so the capture stops
 * and is restarted with backoff (it resumes after the last transaction it published, whose
 * versions are then recorded again); the message names the leader, the meta table and what to do.
 */
public final class LocalVersionsException extends RuntimeException {

    private final boolean transientFailure;

    LocalVersionsException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
        return transientFailure;
    }
}
