package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.client.Choice;
import io.concordbridge.client.ConflictClient;
import io.concordbridge.client.ConflictException;
import io.concordbridge.client.ConflictQuery;
import io.concordbridge.client.Sibling;
import io.concordbridge.client.StoredConflict;
import io.concordbridge.core.conflict.ConflictType;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.TableConfig;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictHandlers;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.conflict.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the Groovy handler of a conflict that a table with {@code resolve: handler} stored, at the one
 * leader designated for it (DESIGN.md promise 6: the first, in the table's priority order, of the
 * leaders whose versions conflict), after the apply that stored it committed. The handler's answer
 * is written at this leader as a resolution ({@link ConflictClient}): stamped above every sibling,
 * it replicates and closes the conflict everywhere, so a handler need not be deterministic. A
 * handler that defers, throws or times out leaves the table's fallback to decide: {@code manual}
 * keeps the conflict stored with the reason, {@code last-writer-wins} closes it on the provisional
 * winner every leader already holds. Other keys never wait for a handler; a later change of a key
 * whose handler is still running waits for it ({@link #awaitKeys}). Thread-safe.
 */
public final class HandlerDispatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerDispatch.class);
    /** Tries of writing one verdict when the leader rolls it back. */
    static final int WRITE_TRIES = 5;

    private final String leader;
    private final ConflictHandlers handlers;
    private final Map<TableId, TableConfig> tables;
    private final ConflictClient client;
    private final long waitMillis;
    private final ConflictObserver observer;
    private final ExecutorService writer;
    private final Map<RowRef, CompletableFuture<Void>> pending = new ConcurrentHashMap<>();

    /**
     * @param waitMillis longest a later change of the same key waits for a handler (its timeout and
     *                   the resolution's write)
     * @param observer   told every verdict
     */
    public HandlerDispatch(LeaderConfig leaderConfig, String metaSchema, ConflictHandlers handlers,
                           Map<TableId, TableConfig> tables, long waitMillis, ConflictObserver observer) {
        this(leaderConfig.name(), handlers, tables, ConflictClient.of(
                () -> MariaDbConnections.open(leaderConfig, MariaDbConnections.COMMON), metaSchema, leaderConfig.name()),
                waitMillis, observer);
    }

    HandlerDispatch(String leader, ConflictHandlers handlers, Map<TableId, TableConfig> tables, ConflictClient client,
                    long waitMillis, ConflictObserver observer) {
        this.leader = leader;
        this.handlers = handlers;
        this.tables = Map.copyOf(tables);
        this.client = client;
        this.waitMillis = waitMillis;
        this.observer = observer;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "handler-results-" + leader);
            t.setDaemon(true);
            return t;
        });
    }

    /** True when {@code c}, stored under the table's handler policy, is this leader's to decide. */
    boolean designatedHere(Conflict c) {
        TableConfig t = tables.get(c.table());
        return t != null && t.resolve() == ResolveMode.HANDLER && leader.equals(c.decidingLeader(t.priority(), leader));
    }

    /** Starts the handler of each stored conflict designated here; call after the apply committed. */
    void committed(List<ConflictRecords.Met> met) {
        committed(met, false);
    }

    private void committed(List<ConflictRecords.Met> met, boolean stored) {
        for (ConflictRecords.Met m : met) {
            Conflict c = m.conflict();
            if ((stored || m.decision().store()) && designatedHere(c)) {
                TableConfig t = tables.get(c.table());
                RowRef ref = RowRef.of(c.key());
                long handedAt = System.nanoTime();
                CompletableFuture<Void> done = handlers.decide(t.handler(), c)
                        .thenApply(v -> {
                            observer.handled(leader, c.table().toString(), v, (System.nanoTime() - handedAt) / 1000);
                            return v;
                        })
                        .thenAcceptAsync(v -> settle(t, c, v), writer)
                        .exceptionally(e -> {
                            LOG.error("{}: the result of handler {} for conflict {} could not be written; it stays"
                                    + " stored for read-time resolution", leader, t.handler(), c.conflictId(), e);
                            return null;
                        });
                pending.put(ref, done);
                done.whenComplete((x, e) -> pending.remove(ref, done));
            }
        }
    }

    /**
     * Runs, in the background, the handlers of the conflicts stored under a handler policy that are
     * still open here and this leader's to decide: a handler whose answer was not written before the
     * bridge stopped gets its call again. Call once at start-up.
     */
    public void resumeStored() {
        writer.execute(() -> {
            int resumed = 0;
            Map<String, List<String>> keyColumns = new java.util.HashMap<>();
            try {
                ConflictQuery q = ConflictQuery.all().withLimit(ConflictQuery.MAX_LIMIT);
                for (List<StoredConflict> page = client.list(q); !page.isEmpty(); page = client.list(q)) {
                    for (StoredConflict s : page) {
                        Conflict c = s.policy().equals(ResolveMode.HANDLER.configName()) ? conflictOf(s, keyColumns) : null;
                        if (c != null && designatedHere(c)) {
                            committed(List.of(new ConflictRecords.Met(c, null, List.of(), null)), true);
                            resumed++;
                        }
                    }
                    q = q.next(page);
                }
            } catch (java.sql.SQLSyntaxErrorException e) {
                LOG.debug("{}: no stored conflicts yet (the meta schema is created by the first apply)", leader);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("{}: could not read the stored conflicts to resume their handlers: {}", leader, e.toString());
            }
            if (resumed > 0) {
                LOG.info("{}: resumed the handlers of {} stored conflicts", leader, resumed);
            }
        });
    }

    /**
     * The conflict as this leader met it (its own version local), from its stored form; null if it
     * cannot be. {@code keyColumns} caches each table's key, read once per resume.
     */
    private Conflict conflictOf(StoredConflict s, Map<String, List<String>> keyColumns) throws SQLException {
        TableId table = TableId.parse(s.table());
        if (!tables.containsKey(table) || s.siblings().size() != 2) {
            return null;
        }
        Sibling a = s.siblings().get(0);
        Sibling b = s.siblings().get(1);
        Sibling local = leader.equals(b.leader()) ? b : a;
        Sibling remote = local == a ? b : a;
        if (remote.stamp() == null) {
            return null;
        }
        Map<String, Object> any = local.row() != null ? local.row() : remote.row() != null ? remote.row() : s.base();
        if (any == null) {
            return null;
        }
        List<Object> key = new java.util.ArrayList<>();
        List<String> columns = keyColumns.get(s.table());
        if (columns == null) {
            columns = client.keyColumns(s.table());
            keyColumns.put(s.table(), columns);
        }
        for (String column : columns) {
            key.add(any.get(column));
        }
        return new Conflict(ConflictType.fromStorage(s.type()), table, new RowKey(table, key), s.base(),
                new Version(local.leader(), local.stamp(), local.row()),
                new Version(remote.leader(), remote.stamp(), remote.row()));
    }

    /** Waits for the handlers still running on keys that {@code txs} change. */
    void awaitKeys(List<OriginTransaction> txs) throws InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        for (OriginTransaction tx : txs) {
            for (Change c : tx.changes()) {
                CompletableFuture<Void> f = pending.get(RowRef.of(c.key()));
                if (f != null) {
                    try {
                        f.get(waitMillis, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
                        LOG.warn("{}: a change of {} waited {} ms for the handler of its key and goes on: {}", leader,
                                c.table(), waitMillis, e.toString());
                    }
                }
            }
        }
    }

    /**
     * Writes the verdict, retrying what the leader rolled back (a deadlock or lock wait with an apply
     * lane writing the meta tables, a lost connection) up to {@value #WRITE_TRIES} times: the
     * resolution is one transaction, so a try either wrote all of it or nothing.
     */
    private void settle(TableConfig t, Conflict c, HandlerVerdict v) {
        for (int attempt = 1; ; attempt++) {
            try {
                settleOnce(t, c, v);
                return;
            } catch (SQLException e) {
                if (attempt == WRITE_TRIES || !MariaDbErrors.classify(e).transientFailure()) {
                    throw new IllegalStateException(leader + ": writing the handler's resolution of conflict "
                            + c.conflictId() + ": " + MariaDbErrors.describe(e), e);
                }
                LOG.info("{}: writing the handler's answer for conflict {} failed ({}); try {} of {}", leader,
                        c.conflictId(), MariaDbErrors.describe(e), attempt + 1, WRITE_TRIES);
                try {
                    Thread.sleep(50L * attempt + java.util.concurrent.ThreadLocalRandom.current().nextLong(50));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(leader + ": interrupted writing conflict " + c.conflictId(), ie);
                }
            }
        }
    }

    private void settleOnce(TableConfig t, Conflict c, HandlerVerdict v) throws SQLException {
        Choice choice = choice(c, v);
        String by = "handler:" + v.handler();
        try {
            if (choice != null) {
                client.resolve(c.conflictId(), choice, by, v.reason());
                LOG.debug("{}: handler {} resolved conflict {} ({})", leader, v.handler(), c.conflictId(), v.kind());
            } else if (t.fallback() == ResolveMode.LAST_WRITER_WINS) {
                client.resolve(c.conflictId(), provisional(c), by + " fallback:last-writer-wins", v.reason());
            } else {
                client.note(c.conflictId(), "handler " + v.handler() + (v.kind() == HandlerVerdict.Kind.DEFER
                        ? " deferred: " : " failed: ") + v.reason() + "; stored for read-time resolution");
            }
            if (v.kind() == HandlerVerdict.Kind.FAILED) {
                LOG.warn("{}: handler {} failed on conflict {} ({} {}): {}; the fallback {} decides", leader,
                        v.handler(), c.conflictId(), c.table(), c.type().storageName(), v.reason(),
                        t.fallback().configName());
            }
        } catch (ConflictException e) {
            LOG.debug("{}: conflict {} was resolved before its handler answered: {}", leader, c.conflictId(),
                    e.getMessage());
        }
    }

    /** The handler's answer as a resolution; null when it gave none (defer, failure). */
    static Choice choice(Conflict c, HandlerVerdict v) {
        return switch (v.kind()) {
            case KEEP_LOCAL -> of(c.local());
            case TAKE_REMOTE -> of(c.remote());
            case MERGED -> Choice.row(v.row());
            case DELETE -> Choice.delete();
            case DEFER, FAILED -> null;
        };
    }

    /** The last-writer-wins winner, which every leader holds as the provisional one. */
    private static Choice provisional(Conflict c) {
        boolean remoteLater = c.local().stamp() == null || c.remote().stamp().isAfter(c.local().stamp());
        return of(remoteLater ? c.remote() : c.local());
    }

    private static Choice of(Version v) {
        return v.row() == null ? Choice.delete() : Choice.row(v.row());
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writer.shutdownNow();
        }
    }
}
