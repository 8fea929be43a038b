package io.concordbridge.connectors.apply.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Purges a leader's tombstones that no write can be judged against any more. A tombstone matters
 * only for a change of another origin that arrives later and did not see the delete. Every change
 * of origin O not applied here yet was committed at O after the last one applied (its checkpoint's
 * {@code origin_commit_ms}) and is stamped at or after its commit; so a tombstone stamped before
 * the oldest checkpoint of all origins, less the retention, can only meet writes made that much
 * later. Until every origin has a checkpoint here, nothing is purged. Stateless; the connection is
 * the caller's (auto-commit).
 */
public final class TombstonePurge {

    static final int CHUNK = 10_000;

    private TombstonePurge() {
    }

    /**
     * Deletes, in chunks, the tombstones older than the oldest checkpoint of {@code origins} less
     * {@code retention}; returns how many (0 when an origin has no checkpoint yet).
     */
    public static long purge(Connection c, MetaSchema meta, Collection<String> origins, Duration retention)
            throws SQLException {
        Long oldest = oldestCheckpoint(c, meta, origins);
        if (oldest == null) {
            return 0;
        }
        long beforeMicros = (oldest - retention.toMillis()) * 1000;
        long purged = 0;
        int n;
        do {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + meta.table(MetaSchema.ROW_VERSION)
                    + " WHERE deleted = 1 AND stamp_micros < ? LIMIT " + CHUNK)) {
                ps.setLong(1, beforeMicros);
                n = ps.executeUpdate();
            }
            purged += n;
        } while (n == CHUNK);
        return purged;
    }

    /** The oldest origin commit time applied here over {@code origins}, or null when one has none. */
    static Long oldestCheckpoint(Connection c, MetaSchema meta, Collection<String> origins) throws SQLException {
        Map<String, Long> commitMs = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin, origin_commit_ms FROM "
                + meta.table(MetaSchema.CHECKPOINT) + " WHERE part = 0"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long ms = rs.getLong(2);
                if (!rs.wasNull() && ms > 0) {
                    commitMs.put(rs.getString(1), ms);
                }
            }
        }
        Long oldest = null;
        for (String o : origins) {
            Long ms = commitMs.get(o);
            if (ms == null) {
                return null;
            }
            oldest = oldest == null ? ms : Math.min(oldest, ms);
        }
        return oldest;
    }
}
