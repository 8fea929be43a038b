package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.RowHash;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.VersionRecord;
import io.concordbridge.core.pipeline.LocalVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Records the version stamps of a MariaDB leader's own writes in its meta schema's
 * {@code row_version} table, on a connection of its own: per row, the stamp and
 * {@link RowHash} of the change's after image, or a tombstone for a delete (an update that moves
 * the key is a tombstone at the old key and a version at the new one). One transaction per call,
 * one batched upsert, rows in primary-key order (the order the apply locks them in). A version
 * only moves forward ({@link RowVersions#forward}), so recording again, or after the apply wrote a
 * later version, changes nothing.
 *
 * <p>A failure is retried at once, twice: after a deadlock or lock wait timeout (with the apply,
 * which locks row versions in the same order) in a new transaction, after anything else on a new
 * connection (the old one may be stale: the driver reports a server that went away as a closed
 * statement). Then it throws {@link LocalVersionsException} so the capture stops and restarts with
 * backoff; the versions not written stay pending in this instance and are written first on the
 * next call (the capture resumes after what it published, so it does not hand them over again).
 * Used by one capture thread.
 */
public final class MariaDbLocalVersions implements LocalVersions {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbLocalVersions.class);
    private static final int ATTEMPTS = 3;

    private final LeaderConfig leader;
    private final MetaSchema meta;
    private final RowVersions versions;
    private final Function<TableId, TablePolicy> policies;
    private final Map<RowRef, RowVersions.Entry> pending = new TreeMap<>();
    private Connection connection;
    private boolean binlogged = true;

    public MariaDbLocalVersions(LeaderConfig leader, String metaSchema) {
        this(leader, metaSchema, t -> null);
    }

    /**
     * @param policies the replicated tables' policies: a delete's tombstone keeps the deleted row where
     *                 the table's policy needs it ({@link TablePolicy#keepsDeletedRow})
     */
    public MariaDbLocalVersions(LeaderConfig leader, String metaSchema, Function<TableId, TablePolicy> policies) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.leader = Objects.requireNonNull(leader, "leader");
        this.meta = new MetaSchema(metaSchema);
        this.versions = new RowVersions(meta);
    }

    @Override
    public void record(List<OriginTransaction> published) {
        for (OriginTransaction tx : published) {
            for (Change c : tx.changes()) {
                add(c);
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        SQLException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                write();
                return;
            } catch (SQLException e) {
                failure = e;
                LOG.debug("{}: recording local row versions failed (attempt {}): {}", leader.name(), attempt, e.toString());
                if (lockConflict(e)) {
                    rollback();
                } else {
                    drop();
                }
            }
        }
        drop();
        MariaDbErrors.Classification c = MariaDbErrors.classify(failure);
        throw new LocalVersionsException(leader.name() + ": cannot record the versions of " + pending.size()
                + " local row writes in " + meta.table(MetaSchema.ROW_VERSION) + ": " + c.what() + " "
                + MariaDbErrors.describe(failure) + ". " + (c.transientFailure()
                ? "The capture restarts and writes them with its next transaction."
                : "The capture restarts with backoff until this is fixed: " + c.todo() + "."),
                c.transientFailure(), failure);
    }

    @Override
    public List<VersionRecord> current(List<RowKey> rows) {
        List<RowRef> refs = new ArrayList<>(rows.size());
        for (RowKey k : rows) {
            refs.add(RowRef.of(k));
        }
        SQLException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (connection == null) {
                    connect();
                }
                Map<RowRef, RowVersions.Stored> stored = versions.read(connection, refs);
                connection.commit();
                List<VersionRecord> result = new ArrayList<>(refs.size());
                for (RowRef ref : refs) {
                    RowVersions.Entry waiting = pending.get(ref);
                    RowVersions.Stored s = stored.get(ref);
                    result.add(waiting != null ? new VersionRecord(waiting.stamp(), waiting.cells(), waiting.last())
                            : s == null ? null : new VersionRecord(s.stamp(), s.cells(), s.deleted() ? s.last() : null));
                }
                return result;
            } catch (SQLException e) {
                failure = e;
                LOG.debug("{}: reading row versions failed (attempt {}): {}", leader.name(), attempt, e.toString());
                drop();
            }
        }
        MariaDbErrors.Classification c = MariaDbErrors.classify(failure);
        throw new LocalVersionsException(leader.name() + ": cannot read the versions of " + rows.size()
                + " rows written locally from " + meta.table(MetaSchema.ROW_VERSION) + ": " + c.what() + " "
                + MariaDbErrors.describe(failure) + ". The capture restarts with backoff"
                + (c.transientFailure() ? "." : " until this is fixed: " + c.todo() + "."), c.transientFailure(), failure);
    }

    private void write() throws SQLException {
        if (connection == null) {
            connect();
        }
        versions.forward(connection, pending.values());
        connection.commit();
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}: recorded {} local row versions", leader.name(), pending.size());
        }
        pending.clear();
    }

    /** A deadlock or lock wait with the apply: the connection is fine, the transaction is retried. */
    private static boolean lockConflict(SQLException e) {
        int code = MariaDbErrors.mostSpecific(e).getErrorCode();
        return code == 1213 || code == 1205;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException e) {
            drop();
        }
    }

    private void add(Change c) {
        if (c.table().schema().equals(meta.name())) {
            return; // a resolution marker: the meta schema's own rows carry no versions
        }
        Stamp stamp = c.stamp();
        if (stamp == null) {
            throw new IllegalArgumentException(leader.name() + ": a local write of " + c.table()
                    + " has no stamp; the capture stamps every change before its versions are recorded");
        }
        RowRef before = RowRef.of(c.beforeKey());
        RowRef after = RowRef.of(c.key());
        TablePolicy policy = policies.apply(c.table());
        boolean keep = c.cells() != null || policy != null && policy.keepsDeletedRow();
        if (c.op() == Op.DELETE || !before.equals(after)) {
            put(new RowVersions.Entry(before, stamp, null, c.cells(), keep ? c.before() : null));
        }
        if (c.op() != Op.DELETE) {
            put(new RowVersions.Entry(after, stamp, RowHash.of(c.after()), c.cells(), null));
        }
    }

    /** The later of two versions of a row (the capture's stamps grow, so normally the new one). */
    private void put(RowVersions.Entry e) {
        pending.merge(e.row(), e, (old, now) -> now.stamp().compareTo(old.stamp()) >= 0 ? now : old);
    }

    private void connect() throws SQLException {
        connection = MariaDbConnections.open(leader, MariaDbConnections.APPLY);
        meta.create(connection);
        binlogged = !unlogged(connection);
        connection.setAutoCommit(false);
        LOG.info("{}: recording local row versions in {}{}", leader.name(), meta.table(MetaSchema.ROW_VERSION),
                binlogged ? " (written to the binlog too: the user may not set sql_log_bin; BINLOG ADMIN or SUPER "
                        + "would keep them out and spare the leader and its capture that work)" : ", outside the binlog");
    }

    /**
     * Turns the binlog off for this session where the user may ({@code BINLOG ADMIN} or {@code SUPER}). No capture
     * or apply reads the local row versions from the binlog: each leader records its own. Written there, they cost
     * the leader a binlog write and every reader of its binlog the events (the capture reads and discards them). See
     * {@link MariaDbConnections#setIfAllowed}.
     */
    private static boolean unlogged(Connection connection) throws SQLException {
        return MariaDbConnections.setIfAllowed(connection, "SET SESSION sql_log_bin = 0");
    }

    /** Whether this instance's version records go to the binlog (the session could not turn it off); for the tests. */
    boolean binlogged() {
        return binlogged;
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                MariaDbConnections.closeQuietly(connection);
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        if (connection != null) {
            MariaDbConnections.closeQuietly(connection);
            connection = null;
        }
    }
}
