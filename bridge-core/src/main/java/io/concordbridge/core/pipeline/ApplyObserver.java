package io.concordbridge.core.pipeline;

/**
 * Hears of every apply as it commits, for measurements that need each event rather than a running
 * total (distributions of apply lag and batch size). {@link PipelineStats} forwards to its
 * observers on the apply lane's thread right after the target transaction committed, so an
 * implementation must be thread-safe and quick; one that throws is logged and skipped, never
 * allowed to stop the lane.
 */
public interface ApplyObserver {

    /**
     * One origin transaction with at least one change was committed at {@code target}.
     *
     * @param lagMillis applied time minus the later of the origin commit time and the capture time
     *                  (binlog commit times have one-second resolution)
     */
    void transactionApplied(String origin, String target, int changes, long lagMillis);

    /** One target transaction (a batch of origin transactions and their checkpoints) was committed. */
    void batchApplied(String target, int changes);
}
