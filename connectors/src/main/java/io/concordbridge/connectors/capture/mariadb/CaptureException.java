package io.concordbridge.connectors.capture.mariadb;

/** A capture that cannot go on; its message names the leader, what failed and what to fix. */
public class CaptureException extends RuntimeException {

    public CaptureException(String message) {
        super(message);
    }

    public CaptureException(String message, Throwable cause) {
        super(message, cause);
    }
}
