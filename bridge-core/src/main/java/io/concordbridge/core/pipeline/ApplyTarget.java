package io.concordbridge.core.pipeline;

import io.concordbridge.core.model.OriginTransaction;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Writes other origins' transactions into one leader. One thread uses an instance at a time.
 * Every {@link #apply} is one target transaction that first marks itself as the bridge's (so the
 * capture of this leader drops it) and advances each origin's checkpoint to the last sequence
 * number applied, so a crash at any instant neither skips nor repeats an effect.
 */
public interface ApplyTarget extends AutoCloseable {

    /** The leader written to. */
    String leader();

    /**
     * Connects (again, after a failure), creates the meta schema if needed, and returns the
     * checkpoints: origin name to the last sequence number applied.
     */
    Map<String, Long> open() throws ApplyException;

    /**
     * What this leader applied of each origin before, as its meta schema keeps it: origin to
     * {@code {transactions, changes}}, read by the last {@link #open()}; empty when unknown.
     */
    default Map<String, long[]> appliedTotals() {
        return Map.of();
    }

    /**
     * Applies whole transactions, possibly of several origins, in one target transaction. Throws
     * {@link AwaitCaptureException} (having rolled back) when a row it must decide on may have been
     * changed by a local write the capture has not stamped yet; the caller retries the same
     * transactions once the capture has passed the position named.
     */
    void apply(List<OriginTransaction> txs) throws ApplyException;

    /**
     * Tells the target where to ask how far the capture of its own leader has read (every local
     * write before that position has its stamp recorded; null: no position yet). The target asks
     * during {@link #apply}, also while it waits for the capture holding its row locks.
     */
    default void captureProgress(Supplier<String> position) {
    }

    /** Tells the target whom to tell of each time it held rows waiting for its own leader's capture. */
    default void captureHolds(CaptureHolds listener) {
    }

    /** Tells the target whom to tell of each batch attempt it rolled back and made again, and why. */
    default void retries(Consumer<Retry> listener) {
    }

    /** Why a target made a batch again after rolling it back. */
    enum Retry {
        /** A deadlock or lock wait timeout, with another lane or with the application. */
        LOCK_CONFLICT,
        /** A key the batch took as new without reading it had a row or a stored version: every row is read. */
        REREAD,
        /** A row statement hit a unique index: change by change, each behind a savepoint. */
        CHANGE_BY_CHANGE;

        /** The metric label. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@link #captureProgress(Supplier)} with a position that stays where it is (tests, tools). */
    default void captureProgress(String position) {
        captureProgress(() -> position);
    }

    @Override
    void close();
}
