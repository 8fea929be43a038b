package io.concordbridge.core.pipeline;

/**
 * The apply found a row changed by a local write whose stamp the capture has not recorded yet.
 * It must not guess: it rolled back (holding no lock) and asks to be retried once the capture of
 * the target has read the target's log up to {@link #position()}.
 */
public final class AwaitCaptureException extends ApplyException {

    private final String position;

    public AwaitCaptureException(String leader, String position, String detail) {
        super(leader + ": " + detail + "; waiting for the capture of " + leader + " to pass " + position, true, null);
        this.position = position;
    }

    /** The target's log position (e.g. {@code binlog.000002:4711}) the capture must pass first. */
    public String position() {
        return position;
    }
}
