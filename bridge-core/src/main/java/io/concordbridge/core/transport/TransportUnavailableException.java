package io.concordbridge.core.transport;

/**
 * The transport cannot be reached or did not confirm in time (a broker down, the network cut).
 * Transient: what failed may or may not have been written, so the caller starts again from
 * {@link Transport#head} after a backoff. The message names the transport and what to check.
 */
public class TransportUnavailableException extends RuntimeException {

    public TransportUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
