package io.concordbridge.core.pipeline;

/**
 * Reads one leader's change log and hands its committed transactions, with the bridge's own
 * apply transactions (echoes) removed, to a {@link CaptureSink}. Runs in the background.
 */
public interface CaptureSource extends AutoCloseable {

    /** The leader it reads. */
    String leader();

    /**
     * Starts reading in the background, resuming after {@code sink.head()} when there is one.
     * Progress and failure are reported to {@code events}; after a failure the source is closed
     * and a new one may be started.
     */
    void start(CaptureSink sink, CaptureEvents events);

    /** Stops reading; the transaction being handed over completes first. Idempotent. */
    @Override
    void close();
}
