package io.concordbridge.core.pipeline;

import io.concordbridge.core.model.OriginTransaction;

import java.util.List;

/**
 * Records the version stamps of a leader's own (local) writes in that leader's meta schema, right
 * after the capture published them, so the apply there can tell which version of a row it is
 * about to overwrite. Used by one capture thread.
 */
public interface LocalVersions extends AutoCloseable {

    /** Writes the stamp and row hash (or a tombstone) of every change of these published transactions. */
    void record(List<OriginTransaction> published) throws InterruptedException;

    @Override
    void close();

    /** For leaders or tests that keep no row versions. */
    LocalVersions NONE = new LocalVersions() {
        @Override
        public void record(List<OriginTransaction> published) {
        }

        @Override
        public void close() {
        }
    };
}
