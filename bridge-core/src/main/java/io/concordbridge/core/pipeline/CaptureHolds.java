package io.concordbridge.core.pipeline;

/**
 * Told by an apply target each time it held the rows of a batch locked, waiting for its own
 * leader's capture to record the local writes before them (a change met a row that may hide an
 * unrecorded local write).
 */
@FunctionalInterface
public interface CaptureHolds {

    /**
     * @param nanos  how long the rows were held
     * @param passed whether the capture passed them (else it stood still or the hold ran out: the
     *               target let go, and the lane waits for the capture holding nothing)
     */
    void held(long nanos, boolean passed);
}
