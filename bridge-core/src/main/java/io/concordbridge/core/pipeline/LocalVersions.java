package io.concordbridge.core.pipeline;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.VersionRecord;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Records the version stamps of a leader's own (local) writes in that leader's meta schema, right
 * after the capture published them, so the apply there can tell which version of a row it is
 * about to overwrite; and tells the capture which version a local write overwrote. Used by one
 * capture thread.
 */
public interface LocalVersions extends AutoCloseable {

    /** Writes the stamp and row hash (or a tombstone) of every change of these published transactions. */
    void record(List<OriginTransaction> published) throws InterruptedException;

    /**
     * The versions now recorded for these rows (a tombstone's too), in the same order, null where
     * none is: for a local write not yet recorded, the version it was written on (the apply does not
     * write a row whose local write the capture has not recorded).
     */
    List<VersionRecord> current(List<RowKey> rows) throws InterruptedException;

    @Override
    void close();

    /** For leaders or tests that keep no row versions. */
    LocalVersions NONE = new LocalVersions() {
        @Override
        public void record(List<OriginTransaction> published) {
        }

        @Override
        public List<VersionRecord> current(List<RowKey> rows) {
            return new ArrayList<>(Collections.nCopies(rows.size(), null));
        }

        @Override
        public void close() {
        }
    };
}
