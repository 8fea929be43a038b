package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.config.ApplyConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.pipeline.ApplyException;
import io.concordbridge.core.pipeline.ApplyTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Applies other origins' transactions to one MariaDB leader over JDBC. Each {@link #apply} is one
 * database transaction: the checkpoint of every origin in it first (the echo marker, see
 * {@link MetaSchema}), then every change in order, then commit; on any failure it rolls back, so
 * nothing of the batch and no checkpoint move is visible. Failures come out as
 * {@link ApplyException}s classified by {@link MariaDbErrors}, naming the leader, table, key,
 * origin and position, and what to do. A transient failure drops the connection: {@link #open()}
 * again before retrying. Single-threaded.
 */
public final class MariaDbApplier implements ApplyTarget {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbApplier.class);
    /**
     * Most rows per JDBC batch (fewer if {@link ApplyConfig#maxBatchChanges()} is smaller): the
     * driver splits a batch by max_allowed_packet anyway; this bounds the client's copy of it.
     */
    static final int BATCH_ROWS = 1000;

    private final LeaderConfig leader;
    private final MetaSchema meta;
    private final ApplyConfig config;
    private final Map<String, String> options;
    private Connection connection;
    private RowWriter writer;

    public MariaDbApplier(LeaderConfig leader, String metaSchema, ApplyConfig config) {
        this(leader, metaSchema, config, Map.of());
    }

    public MariaDbApplier(LeaderConfig leader, ApplyConfig config) {
        this(leader, MetaSchema.DEFAULT_NAME, config);
    }

    /** With driver options overlaid on {@link MariaDbConnections#APPLY}; for measuring alternatives. */
    MariaDbApplier(LeaderConfig leader, String metaSchema, ApplyConfig config, Map<String, String> optionOverrides) {
        this.leader = Objects.requireNonNull(leader, "leader");
        this.meta = new MetaSchema(metaSchema);
        this.config = Objects.requireNonNull(config, "config");
        Map<String, String> all = new LinkedHashMap<>(MariaDbConnections.APPLY);
        all.putAll(optionOverrides);
        this.options = Map.copyOf(all);
    }

    @Override
    public String leader() {
        return leader.name();
    }

    public MetaSchema metaSchema() {
        return meta;
    }

    @Override
    public Map<String, Long> open() throws ApplyException {
        close();
        try {
            connection = MariaDbConnections.open(leader, options);
            connection.setAutoCommit(false);
            meta.create(connection);
            Map<String, Long> checkpoints = meta.checkpoints(connection, 0);
            connection.commit();
            writer = new RowWriter(connection, Math.max(1, Math.min(BATCH_ROWS, config.maxBatchChanges())));
            LOG.info("Apply to {} ready: meta schema {}, checkpoints {}", leader, meta.name(), checkpoints);
            return checkpoints;
        } catch (SQLException e) {
            MariaDbErrors.Classification c = MariaDbErrors.classify(e);
            if (c.transientFailure()) {
                drop();
            } else {
                close();
            }
            throw new ApplyException(leader.name() + ": cannot open the apply connection to " + leader
                    + " as " + leader.user() + " or read the checkpoints in " + meta.name() + ": " + c.what()
                    + " " + MariaDbErrors.describe(e) + ". " + todo(c), c.transientFailure(), e);
        }
    }

    @Override
    public void apply(List<OriginTransaction> txs) throws ApplyException {
        if (connection == null) {
            throw new IllegalStateException(leader.name() + ": apply without an open connection; call open() "
                    + "first, and again after a transient failure");
        }
        if (txs.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        int changes = 0;
        try {
            meta.advance(connection, txs);
        } catch (SQLException e) {
            throw failed(checkpointFailure(txs, e));
        }
        try {
            for (OriginTransaction tx : txs) {
                for (Change change : tx.changes()) {
                    writer.write(tx, change);
                    changes++;
                }
            }
            writer.flush();
        } catch (RowFailure f) {
            writer.discard();
            throw failed(ApplyFailures.row(leader.name(), f));
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw failed(ApplyFailures.commit(leader.name(), txs, e));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Applied {} transactions ({} changes) to {} in {} ms", txs.size(), changes, leader.name(),
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (connection != null) {
            rollback();
            MariaDbConnections.closeQuietly(connection);
            connection = null;
        }
    }

    /**
     * Undoes the failed transaction. After a transient failure the connection is dropped instead
     * (the server rolls back a dropped connection's transaction): a rollback on a connection that is
     * cut off would wait for the socket timeout, and the lane reopens anyway.
     */
    private ApplyException failed(ApplyException e) {
        if (e.transientFailure()) {
            drop();
        } else {
            rollback();
        }
        return e;
    }

    private void drop() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (connection != null) {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException abortFailed) {
                MariaDbConnections.closeQuietly(connection);
            }
            connection = null;
            LOG.debug("{}: apply connection dropped after a transient failure", leader.name());
        }
    }

    private ApplyException checkpointFailure(List<OriginTransaction> txs, SQLException e) {
        MariaDbErrors.Classification c = MariaDbErrors.classify(e);
        return new ApplyException(leader.name() + ": cannot advance the checkpoints in "
                + meta.table(MetaSchema.CHECKPOINT) + " for " + ApplyFailures.span(txs) + ": " + c.what() + " "
                + MariaDbErrors.describe(e) + ". " + todo(c), c.transientFailure(), e);
    }

    private void rollback() {
        try {
            if (connection != null && !connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("rollback on {} failed: {}", leader.name(), e.toString());
        }
    }

    static String todo(MariaDbErrors.Classification c) {
        return c.transientFailure() ? "Will be " + c.todo() + "." : "Not retried: " + c.todo() + ".";
    }
}
