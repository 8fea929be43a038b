package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.config.CaptureConfig;
import io.concordbridge.core.config.ConfigException;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.pipeline.CaptureEvents;
import io.concordbridge.core.pipeline.CaptureSink;
import io.concordbridge.core.pipeline.CaptureSource;
import io.concordbridge.core.transport.LogHead;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * Captures one MariaDB leader with a Debezium embedded engine on its own thread and hands its
 * committed transactions, whole and in commit order, to a {@link CaptureSink}.
 *
 * <p>Where to resume is the sink's business: on start, the sink head's resume token seeds
 * Debezium's offsets, so the capture continues right after the newest transaction the sink has
 * durably accepted, whatever Debezium wrote before. Without a head it streams from the current end
 * of the binlog without copying data and hands over an anchor at its first heartbeat, so a restart
 * never skips what was committed in between. The schema history lives in the state directory.
 *
 * <p>Lifecycle: NEW, then RUNNING after {@link #start}, then CLOSED after {@link #close} or a
 * failure (reported once to {@link CaptureEvents#failed}). Start and close may be called from any
 * thread; one instance is started at most once, and close is idempotent and waits (bounded) for
 * the engine's thread, letting a hand-over in progress complete.
 */
public final class MariaDbCapture implements CaptureSource {

    /** Binlog client server ids live in [BASE, BASE + SPAN), far above real servers' ids. */
    static final long SERVER_ID_BASE = 1_000_000_000L;
    static final long SERVER_ID_SPAN = 1_000_000_000L;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final long CLOSE_TIMEOUT_MILLIS = 60_000;
    /** Without handing anything over for this many heartbeats, an idle capture records its position. */
    private static final int ANCHOR_REFRESH_HEARTBEATS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbCapture.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final LeaderConfig leader;
    private final List<TableId> tables;
    private final TableId checkpointTable;
    private final Path stateDir;
    private final CaptureConfig config;
    private final long serverId;
    private final Clock clock;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private final Object lifecycle = new Object();
    private volatile boolean closing;
    private volatile DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private volatile Thread thread;
    private volatile Thread watchdog;

    /**
     * @param leader     the leader to read
     * @param tables     its replicated tables
     * @param metaSchema the bridge's meta schema on the leader ({@code concord}); its {@code checkpoint}
     *                   table marks the bridge's own apply transactions, which are never handed over
     * @param stateDir   this leader's capture state directory (schema history, last offsets)
     * @param config     reading tunables
     * @param serverId   the binlog client's server id, unique among the leader's replicas
     *                   (see {@link #serverIdFor(String)})
     */
    public MariaDbCapture(LeaderConfig leader, List<TableId> tables, String metaSchema, Path stateDir,
                          CaptureConfig config, long serverId) {
        this(leader, tables, metaSchema, stateDir, config, serverId, Clock.systemUTC());
    }

    MariaDbCapture(LeaderConfig leader, List<TableId> tables, String metaSchema, Path stateDir,
                   CaptureConfig config, long serverId, Clock clock) {
        this.leader = Objects.requireNonNull(leader, "leader");
        this.tables = List.copyOf(tables);
        this.checkpointTable = new TableId(Objects.requireNonNull(metaSchema, "metaSchema"), "checkpoint");
        this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
        this.config = Objects.requireNonNull(config, "config");
        this.serverId = serverId;
        this.clock = clock;
        validate(metaSchema);
    }

    /** A server id for a leader's capture, stable for its name, in a range no real server uses. */
    public static long serverIdFor(String leaderName) {
        CRC32 crc = new CRC32();
        crc.update(leaderName.getBytes(StandardCharsets.UTF_8));
        return SERVER_ID_BASE + crc.getValue() % SERVER_ID_SPAN;
    }

    @Override
    public String leader() {
        return leader.name();
    }

    @Override
    public void start(CaptureSink sink, CaptureEvents events) {
        synchronized (lifecycle) {
            if (!state.compareAndSet(State.NEW, State.RUNNING)) {
                throw new IllegalStateException("the capture of leader " + leader + " was already started or closed");
            }
            try {
                startEngine(sink, events);
            } catch (RuntimeException e) {
                state.set(State.CLOSED);
                throw e;
            }
        }
    }

    @Override
    public void close() {
        long deadline = System.currentTimeMillis() + CLOSE_TIMEOUT_MILLIS;
        synchronized (lifecycle) {
            closing = true;
            if (state.getAndSet(State.CLOSED) != State.RUNNING) {
                return;
            }
            stopEngine(deadline);
        }
        awaitThread(deadline);
        LOG.info("capture of leader {} closed", leader);
    }

    /** The running engine, or null before {@link #start}; for tests. */
    DebeziumEngine<?> engine() {
        return engine;
    }

    private void startEngine(CaptureSink sink, CaptureEvents events) {
        ensureMetaSchema();
        LogHead head = sink.head().orElse(null);
        String snapshotMode = prepareStateDir(head);
        TransactionAssembler assembler = new TransactionAssembler(leader.name(), checkpointTable, sink, events, head,
                ANCHOR_REFRESH_HEARTBEATS * (long) config.heartbeatIntervalMs(), clock);
        List<TableId> captured = new ArrayList<>(tables);
        captured.add(checkpointTable);
        captured.add(io.concordbridge.core.conflict.ResolutionMarker.table(checkpointTable.schema()));
        engine = DebeziumEngine.create(Connect.class)
                .using(EngineProperties.of(leader, captured, checkpointTable, stateDir, config, serverId, snapshotMode))
                .using((success, message, error) -> stopped(events, message, error))
                .notifying(assembler)
                .build();
        thread = new Thread(engine, "concord-capture-" + leader.name());
        thread.setDaemon(true);
        thread.start();
        assembler.lastActivityMillis = clock.millis();
        watchdog = new Thread(() -> watch(assembler, events), "concord-capture-watchdog-" + leader.name());
        watchdog.setDaemon(true);
        watchdog.start();
        LOG.info("capture of leader {} starting {} (server id {}, snapshot mode {})", leader,
                head == null ? "at the end of its binlog" : "after " + head.position(), serverId, snapshotMode);
    }

    /**
     * The binlog client reconnects by itself after a connection loss, so a leader that went down
     * would look alive for ever. Debezium hands over a heartbeat at least every heartbeat
     * interval while connected; when nothing came for {@link #stallMillis()} (time the sink spends
     * taking a batch does not count: the transport has its own timeouts), the capture reports
     * itself failed (the supervisor restarts it with backoff and it shows as down meanwhile).
     */
    private void watch(TransactionAssembler assembler, CaptureEvents events) {
        long stall = stallMillis();
        while (!closing) {
            try {
                Thread.sleep(Math.min(1000, stall / 4));
            } catch (InterruptedException e) {
                return;
            }
            long silent = clock.millis() - assembler.lastActivityMillis;
            if (!closing && silent > stall && !assembler.handingOver) {
                CaptureException failure = new CaptureException("leader " + leader + ": no change or heartbeat for "
                        + silent / 1000 + " s; the connection to the leader is lost (is the server down or unreachable?)");
                LOG.warn(failure.getMessage());
                long deadline = System.currentTimeMillis() + CLOSE_TIMEOUT_MILLIS;
                synchronized (lifecycle) {
                    closing = true;
                    if (state.getAndSet(State.CLOSED) == State.RUNNING) {
                        stopEngine(deadline);
                    }
                }
                events.failed(leader.name(), failure);
                return;
            }
        }
    }

    private long stallMillis() {
        return Math.max(10_000L, 10L * config.heartbeatIntervalMs());
    }

    private void stopped(CaptureEvents events, String message, Throwable error) {
        if (closing) {
            LOG.debug("capture of leader {} stopped: {}", leader, message);
            return;
        }
        closing = true;
        state.set(State.CLOSED);
        CaptureException failure = CaptureFailures.describe(leader, message, error);
        LOG.error(failure.getMessage());
        LOG.debug("capture of leader {} failed", leader, error);
        events.failed(leader.name(), failure);
    }

    /** Seeds Debezium's offsets from the sink head and picks the snapshot mode that fits the state dir. */
    private String prepareStateDir(LogHead head) {
        Path offsets = stateDir.resolve(EngineProperties.OFFSETS_FILE);
        Path history = stateDir.resolve(EngineProperties.HISTORY_FILE);
        try {
            Files.createDirectories(stateDir);
            if (head == null) {
                // a fresh start reads the schema anew; anything left from a run whose anchor never reached the sink goes
                Files.deleteIfExists(offsets);
                Files.deleteIfExists(history);
                return EngineProperties.SNAPSHOT_NO_DATA;
            }
            ResumeToken.parse(head.resumeToken());
            Files.writeString(offsets, head.resumeToken());
            if (Files.exists(history)) {
                return EngineProperties.SNAPSHOT_NO_DATA;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the capture state directory " + stateDir
                    + " of leader " + leader, e);
        } catch (IllegalArgumentException e) {
            throw new CaptureException("leader " + leader + ": the sink head " + head.position()
                    + " has no resume token of a MariaDB capture: " + e.getMessage(), e);
        }
        LOG.warn("capture of leader {}: no schema history in {}; rebuilding it from the current table definitions, "
                + "which is right only if the replicated tables' DDL did not change after {}", leader, stateDir, head.position());
        return EngineProperties.SNAPSHOT_RECOVERY;
    }

    private void stopEngine(long deadline) {
        DebeziumEngine<?> e = engine;
        while (e != null) {
            try {
                e.close();
                return;
            } catch (IllegalStateException starting) {
                // Debezium refuses to stop while its task starts, or says it is already stopping or stopped
                if (!starting.getMessage().contains("starting") || System.currentTimeMillis() > deadline) {
                    return;
                }
                sleep(50);
            } catch (IOException ex) {
                LOG.warn("capture of leader {}: stopping Debezium failed: {}", leader, ex.toString());
                return;
            }
        }
    }

    private void awaitThread(long deadline) {
        Thread t = thread;
        if (t == null) {
            return;
        }
        try {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                LOG.warn("capture of leader {}: Debezium did not stop within {} s; interrupting it", leader,
                        CLOSE_TIMEOUT_MILLIS / 1000);
                t.interrupt();
                t.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Creates the meta schema if it is missing, before the engine starts: its snapshot then reads
     * every meta table's definition. Created concurrently by the apply instead, a table could be
     * missed by the snapshot's schema read and its later rows (a resolution arriving) stop the
     * capture as rows of an unknown table. Best effort: what prevents it also stops the engine,
     * which names the cause.
     */
    private void ensureMetaSchema() {
        try (java.sql.Connection c = io.concordbridge.connectors.apply.mariadb.MariaDbConnections.open(leader,
                io.concordbridge.connectors.apply.mariadb.MariaDbConnections.COMMON)) {
            new io.concordbridge.connectors.apply.mariadb.MetaSchema(checkpointTable.schema()).create(c);
        } catch (java.sql.SQLException e) {
            // the engine's own connection reports what is wrong (credentials, privileges, settings)
            LOG.debug("leader {}: meta schema {} not created before capturing: {}", leader.name(),
                    checkpointTable.schema(), e.toString());
        }
    }

    private void validate(String metaSchema) {
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(leader.name()).matches()) {
            problems.add("leaders." + leader.name() + ": a leader name may only hold letters, digits, '_' and '-'");
        }
        if (tables.isEmpty()) {
            problems.add("leaders." + leader.name() + ": no replicated tables to capture");
        }
        for (TableId t : tables) {
            if (t.schema().equals(metaSchema)) {
                problems.add("tables." + t + ": the meta schema " + metaSchema + " is the bridge's own and is never replicated");
            }
            if ((t.schema() + t.table()).contains(",")) {
                problems.add("tables." + t + ": a replicated table name may not contain ','");
            }
        }
        if (serverId < 1 || serverId > 4_294_967_295L) {
            problems.add("leaders." + leader.name() + ": capture server id " + serverId + " must be 1..4294967295");
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
