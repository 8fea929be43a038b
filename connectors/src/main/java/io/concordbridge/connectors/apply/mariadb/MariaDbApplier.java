package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.client.ConflictClosing;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.config.ApplyConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.pipeline.ApplyException;
import io.concordbridge.core.pipeline.ApplyTarget;
import io.concordbridge.core.pipeline.AwaitCaptureException;
import io.concordbridge.core.pipeline.CaptureHolds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.Objects;

/**
 * Applies other origins' transactions to one MariaDB leader over JDBC, detecting and resolving
 * conflicts. Each {@link #apply} is one database transaction (DESIGN.md, "Flow"):
 * <ol>
 *   <li>the checkpoint of every origin in it first (the echo marker, see {@link MetaSchema});</li>
 *   <li>every row the batch touches locked and read, with its stored version, batched per table (but for
 *       keys it first inserts, taken as new);</li>
 *   <li>every change in order detected against an in-memory view of those rows and, on a
 *       conflict, resolved by the table's {@link TablePolicy} (tables without one: the defaults);</li>
 *   <li>the rows written with batched prepared statements, then the row versions and the conflict
 *       records; commit.</li>
 * </ol>
 * A conflict on a row whose stamp is unknown because a local write has not been captured yet
 * rolls back and throws {@link AwaitCaptureException} ({@link CaptureWait}); a change that clashes
 * with another row on a secondary unique index is recorded as a conflict and skipped (the batch is
 * made again change by change, see {@link BatchApply}; a key the batch took as new without reading it
 * that was not sends it round again reading every row). On any other failure it rolls back, so
 * nothing of the batch and no checkpoint move is visible. Failures come out as
 * {@link ApplyException}s classified by {@link MariaDbErrors}, naming the leader, table, key,
 * origin and position, and what to do. A transient failure drops the connection: {@link #open()}
 * again before retrying. Single-threaded.
 */
public final class MariaDbApplier implements ApplyTarget {

    private static final Logger LOG = LoggerFactory.getLogger(MariaDbApplier.class);
    /** Tries of a batch that meets another transaction's locks before the lane backs off and reconnects. */
    private static final int LOCK_ROUNDS = 8;
    private static final int DUPLICATE_KEY = 1062;
    /** Batches that read every row at once after one that took a key as new wrongly. */
    static final int READ_AFTER_REREAD = 8;
    /**
     * Most rows per JDBC batch (fewer if {@link ApplyConfig#maxBatchChanges()} is smaller): the
     * driver splits a batch by max_allowed_packet anyway; this bounds the client's copy of it.
     */
    static final int BATCH_ROWS = 1000;

    private final LeaderConfig leader;
    private final MetaSchema meta;
    private final ApplyConfig config;
    private final Map<String, String> options;
    private final Map<TableId, TablePolicy> policies;
    private final RowVersions versions;
    private final ConflictRecords records;
    private final TableCache tables = new TableCache();
    private final CaptureWait wait;
    private final TableId markerTable;
    private final ConflictClosing closing;
    private Consumer<Retry> retries = why -> { };
    /** Batches still to make reading every row at once ({@link #READ_AFTER_REREAD}). */
    private int readEveryRow;
    /**
     * Whether the leader's binlog gets the text of the apply's statements beside their row events (MariaDB's
     * {@code binlog_annotate_row_events}, on by default): the session turns it off where the user may. Nothing reads
     * that text, which the leader would write for every statement, up to {@link RowShape.Text#MAX_STATEMENT_CHARS}
     * chars each.
     */
    private boolean annotated;
    private HandlerDispatch handlers;
    private Map<String, long[]> totals = Map.of();
    private ConflictObserver observer = ConflictObserver.NONE;
    private Connection connection;
    private RowWriter writer;

    /** Every table with the default policy (detect by row, last writer wins). */
    public MariaDbApplier(LeaderConfig leader, String metaSchema, ApplyConfig config) {
        this(leader, metaSchema, config, Map.of());
    }

    public MariaDbApplier(LeaderConfig leader, ApplyConfig config) {
        this(leader, MetaSchema.DEFAULT_NAME, config);
    }

    /**
     * @param policies how each table's conflicts are detected and resolved; a table not in the map
     *                 gets {@link TablePolicy#defaults}
     */
    public MariaDbApplier(LeaderConfig leader, String metaSchema, ApplyConfig config,
                          Map<TableId, TablePolicy> policies) {
        this(leader, metaSchema, config, policies, Map.of());
    }

    /** With driver options overlaid on {@link MariaDbConnections#APPLY}; for measuring alternatives. */
    MariaDbApplier(LeaderConfig leader, String metaSchema, ApplyConfig config, Map<TableId, TablePolicy> policies,
                   Map<String, String> optionOverrides) {
        this.leader = Objects.requireNonNull(leader, "leader");
        this.meta = new MetaSchema(metaSchema);
        this.config = Objects.requireNonNull(config, "config");
        Map<String, String> all = new LinkedHashMap<>(MariaDbConnections.APPLY);
        all.putAll(optionOverrides);
        this.options = Map.copyOf(all);
        this.policies = new HashMap<>(policies);
        this.versions = new RowVersions(meta);
        this.records = new ConflictRecords(meta, leader.name(), Clock.systemUTC());
        this.wait = new CaptureWait(leader.name(), metaSchema + "." + MetaSchema.CHECKPOINT);
        this.markerTable = ResolutionMarker.table(metaSchema);
        this.closing = new ConflictClosing(metaSchema);
    }

    /**
     * Lets the Groovy handlers of the tables with {@code resolve: handler} decide the conflicts that
     * are this leader's to decide. One dispatch serves every applier of a leader (a lane makes a new
     * applier after a failure). Call before the first {@link #open()}.
     */
    public MariaDbApplier withHandlers(HandlerDispatch dispatch) {
        this.handlers = dispatch;
        return this;
    }

    /** Tells {@code conflictObserver} of every conflict committed here and every resolution applied. */
    public MariaDbApplier withObserver(ConflictObserver conflictObserver) {
        this.observer = conflictObserver;
        return this;
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
            annotated = !MariaDbConnections.setIfAllowed(connection, "SET SESSION binlog_annotate_row_events = 0");
            connection.setAutoCommit(false);
            meta.create(connection);
            Map<String, Long> checkpoints = meta.checkpoints(connection, 0);
            totals = meta.totals(connection);
            connection.commit();
            writer = new RowWriter(connection, Math.max(1, Math.min(BATCH_ROWS, config.maxBatchChanges())));
            tables.clear();
            LOG.info("Apply to {} ready: meta schema {}, checkpoints {}{}", leader, meta.name(), checkpoints, annotated
                    ? "; its binlog gets each apply statement's text as well (the user may not set "
                    + "binlog_annotate_row_events; BINLOG ADMIN or SUPER would spare the leader that)" : "");
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
        if (handlers != null) {
            try {
                handlers.awaitKeys(txs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApplyException(leader.name() + ": interrupted while a change waited for a handler", true, e);
            }
        }
        long start = System.nanoTime();
        BatchApply.Attempt first = BatchApply.Attempt.NEW_KEYS_UNREAD;
        if (readEveryRow > 0) {
            readEveryRow--;
            first = BatchApply.Attempt.EVERY_ROW_READ;
        }
        BatchApply done;
        for (int round = 1; ; round++) {
            try {
                done = attemptHoldingIfNeeded(txs, first);
                break;
            } catch (ApplyException e) {
                if (round == LOCK_ROUNDS || !lockConflict(e.getCause())) {
                    throw e;
                }
                retries.accept(Retry.LOCK_CONFLICT);
                LOG.debug("{}: the batch met another transaction's locks (round {}), retrying: {}", leader.name(),
                        round, e.getMessage());
                pause(round);
            }
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw failed(ApplyFailures.commit(leader.name(), txs, e));
        }
        done.resolvedTables().forEach(t -> observer.resolved(leader.name(), t));
        wait.applied();
        for (ConflictRecords.Met m : done.conflicts()) {
            observer.decided(leader.name(), m.conflict(), m.decision());
        }
        if (handlers != null) {
            handlers.committed(done.conflicts());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Applied {} transactions ({} conflicts) to {} in {} ms", txs.size(), done.conflicts().size(),
                    leader.name(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** Whether this applier's statements go to the binlog with their text (the session could not turn it off); tests. */
    boolean annotated() {
        return annotated;
    }

    @Override
    public Map<String, long[]> appliedTotals() {
        return totals;
    }

    @Override
    public void captureProgress(Supplier<String> position) {
        wait.progress(position);
    }

    @Override
    public void captureHolds(CaptureHolds listener) {
        wait.holds(listener);
    }

    @Override
    public void retries(Consumer<Retry> listener) {
        this.retries = Objects.requireNonNull(listener, "listener");
    }

    /**
     * An attempt; when it meets a row that may hide a local write the capture has not recorded, it
     * rolls back and tries once more at once, holding its rows locked until the capture has passed
     * them ({@link CaptureWait#hold}). Only when that hold runs out (the capture is behind or down)
     * does the caller wait, holding nothing.
     */
    private BatchApply attemptHoldingIfNeeded(List<OriginTransaction> txs, BatchApply.Attempt first)
            throws ApplyException {
        boolean held = wait.holding();
        try {
            return attemptCarefullyIfNeeded(txs, first);
        } catch (AwaitCaptureException e) {
            if (held) {
                throw e;
            }
            LOG.debug("{}: {}; retrying holding the rows", leader.name(), e.getMessage());
            return attemptCarefullyIfNeeded(txs, first);
        }
    }

    /**
     * The batch at once, from {@code first}: taking the keys it first inserts as new without reading them (or,
     * within {@link #READ_AFTER_REREAD} batches of one that had to be read again, reading every row: a load that
     * re-inserts deleted keys, whose tombstones are versions, pays the second attempt once in so many batches);
     * when a duplicate key proves a key was not new, again reading every row; when a row then hits a unique index,
     * change by change.
     */
    private BatchApply attemptCarefullyIfNeeded(List<OriginTransaction> txs, BatchApply.Attempt first)
            throws ApplyException {
        BatchApply.Attempt attempt = first;
        while (true) {
            try {
                return attempt(txs, attempt);
            } catch (DuplicateKey duplicate) {
                if (attempt == BatchApply.Attempt.CHANGE_BY_CHANGE) {
                    throw new IllegalStateException("a change-by-change attempt never asks to be made again", duplicate);
                }
                rollback();
                attempt = duplicate.unread ? BatchApply.Attempt.EVERY_ROW_READ : BatchApply.Attempt.CHANGE_BY_CHANGE;
                if (duplicate.unread) {
                    readEveryRow = READ_AFTER_REREAD;
                }
                retries.accept(duplicate.unread ? Retry.REREAD : Retry.CHANGE_BY_CHANGE);
                LOG.debug("{}: {}; making the batch again: {}", leader.name(), duplicate.unread
                        ? "a duplicate key where the batch took keys as new without reading them"
                        : "a row of the batch hit a unique index", attempt);
            }
        }
    }

    /**
     * A deadlock or lock wait timeout: with another lane applying to this leader, or with the
     * application. The transaction was rolled back and the connection is fine.
     */
    private static boolean lockConflict(Throwable cause) {
        if (!(cause instanceof SQLException e)) {
            return false;
        }
        int code = MariaDbErrors.mostSpecific(e).getErrorCode();
        return code == 1213 || code == 1205;
    }

    /** A short random pause before the next round, growing with the rounds, so two lanes do not meet again at once. */
    private static void pause(int round) throws ApplyException {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * round * round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplyException("interrupted while retrying after a deadlock", true, e);
        }
    }

    /** One try at the batch in the open transaction; on failure it has rolled back (or dropped the connection). */
    private BatchApply attempt(List<OriginTransaction> txs, BatchApply.Attempt attempt)
            throws ApplyException, DuplicateKey {
        wait.attempt();
        try {
            meta.advance(connection, txs);
        } catch (SQLException e) {
            throw failed(checkpointFailure(txs, e));
        }
        Arrivals arrivals = Arrivals.split(txs, markerTable);
        BatchApply batch = new BatchApply(leader.name(), connection, writer, tables,
                t -> policies.computeIfAbsent(t, TablePolicy::defaults), versions, records, wait, attempt,
                arrivals.resolving());
        try {
            batch.lock(arrivals.data());
            batch.walk(arrivals.data());
            batch.finish();
            for (Arrivals.Arrival a : arrivals.markers()) {
                closing.closeArrived(connection, a.marker(), a.origin(), leader.name(), null);
                batch.resolved(a.marker().table());
            }
            return batch;
        } catch (RowFailure f) {
            writer.discard();
            if (attempt != BatchApply.Attempt.CHANGE_BY_CHANGE && UniqueClashes.uniqueLike(f)) {
                throw new DuplicateKey(batch.tookUnread());
            }
            throw failed(ApplyFailures.row(leader.name(), f));
        } catch (AwaitCaptureException e) {
            writer.discard();
            rollback();
            throw e;
        } catch (SQLException e) {
            writer.discard();
            if (batch.tookUnread() && MariaDbErrors.mostSpecific(e).getErrorCode() == DUPLICATE_KEY) {
                throw new DuplicateKey(true);   // the plain INSERT of a version taken as absent
            }
            throw failed(metaFailure(txs, e));
        }
    }

    /**
     * A batched statement met a duplicate key: a row where the batch took a key as new ({@code unread}: it took some
     * without reading them), or another row's value of a unique index. The batch is made again.
     */
    private static final class DuplicateKey extends Exception {
        final boolean unread;

        DuplicateKey(boolean unread) {
            super(null, null, false, false);
            this.unread = unread;
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
     * Undoes the failed transaction. After a transient failure other than a lock conflict the
     * connection is dropped instead
     * (the server rolls back a dropped connection's transaction): a rollback on a connection that is
     * cut off would wait for the socket timeout, and the lane reopens anyway.
     */
    private ApplyException failed(ApplyException e) {
        if (e.transientFailure() && !lockConflict(e.getCause())) {
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

    private ApplyException metaFailure(List<OriginTransaction> txs, SQLException e) {
        MariaDbErrors.Classification c = MariaDbErrors.classify(e);
        return new ApplyException(leader.name() + ": cannot read or write the row versions or conflict records in "
                + meta.name() + " for " + ApplyFailures.span(txs) + ": " + c.what() + " " + MariaDbErrors.describe(e)
                + ". " + todo(c), c.transientFailure(), e);
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
