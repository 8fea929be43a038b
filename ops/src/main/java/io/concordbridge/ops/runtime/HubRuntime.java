package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.apply.mariadb.HandlerDispatch;
import io.concordbridge.connectors.apply.mariadb.MariaDbApplier;
import io.concordbridge.connectors.apply.mariadb.MariaDbLocalVersions;
import io.concordbridge.connectors.capture.mariadb.MariaDbCapture;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.pipeline.HubPipeline;
import io.concordbridge.core.pipeline.PipelineStats;
import io.concordbridge.core.transport.Transport;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.ops.conflicts.ConflictNotifier;
import io.concordbridge.ops.conflicts.ConflictObservers;
import io.concordbridge.ops.conflicts.LeaderConflicts;
import io.concordbridge.ops.conflicts.OpenConflictsPoller;
import io.concordbridge.ops.metrics.ConflictMetrics;
import io.concordbridge.ops.http.ConflictsApi;
import io.concordbridge.ops.http.OpsServer;
import io.concordbridge.ops.http.Readiness;
import io.concordbridge.ops.metrics.BridgeMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Hub mode assembled from its parts: the transport ({@link Transports}: the file log in the state
 * directory, or Kafka in sidecar mode), and per served leader a MariaDB capture, the recorder of
 * its local writes' row versions, and a conflict-aware MariaDB applier with each table's
 * configured policy. Closing it stops captures, lets each lane finish the batch in flight
 * (committing its checkpoints) and closes the transport. With
 * {@code http.enabled} it also serves metrics and health checks ({@link OpsServer}) from before
 * the pipeline starts until after it stopped.
 */
public final class HubRuntime implements AutoCloseable {

    private final HubPipeline pipeline;
    private final PrometheusRegistry registry;
    private final OpsServer http;
    private final List<AutoCloseable> extras;

    private HubRuntime(HubPipeline pipeline, PrometheusRegistry registry, OpsServer http, List<AutoCloseable> extras) {
        this.pipeline = pipeline;
        this.registry = registry;
        this.http = http;
        this.extras = extras;
    }

    public static HubRuntime start(BridgeConfig config) {
        return start(config, leader -> Clock.systemUTC());
    }

    /** Starts with a wall clock per leader (tests skew one to prove stamps still converge). */
    public static HubRuntime start(BridgeConfig config, java.util.function.Function<String, Clock> clocks) {
        return start(config, clocks, List.copyOf(config.leaders().keySet()));
    }

    /** Serves only the leaders {@code served}: their captures and the apply into them (sidecar mode serves one). */
    public static HubRuntime start(BridgeConfig config, java.util.function.Function<String, Clock> clocks,
                                   List<String> served) {
        Path state = config.stateDir().toAbsolutePath();
        try {
            Files.createDirectories(state);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + state, e);
        }
        List<String> leaders = List.copyOf(config.leaders().keySet());
        PipelineStats stats = new PipelineStats();
        PrometheusRegistry registry = new PrometheusRegistry();
        BridgeMetrics.registerAll(registry, stats, leaders, served, Clock.systemUTC());
        OpsServer http = config.http().enabled() ? OpsServer.start(config.http(), registry,
                new Readiness(leaders, served, stats, config.http().readyMaxLagMs()),
                new ConflictsApi(new LeaderConflicts(config, served))::routes) : null;
        List<AutoCloseable> extras = new java.util.ArrayList<>();
        try {
            ConflictObserver observer = conflictObservers(config, served, registry, extras);
            Map<String, HandlerDispatch> handlers = HandlerWiring.start(config, served, observer, extras);
            extras.add(new TombstoneHousekeeping(config, served));
            Transport transport = Transports.open(config, state);
            List<TableId> tables = config.tables().stream().map(t -> t.id()).toList();
            Map<TableId, TablePolicy> policies = config.policies();
            HubPipeline pipeline = new HubPipeline(config, transport,
                    name -> capture(config, config.leaders().get(name), tables, state),
                    name -> new MariaDbApplier(config.leaders().get(name), config.metaSchema(), config.apply(),
                            policies).withObserver(observer).withHandlers(handlers.get(name)),
                    name -> new MariaDbLocalVersions(config.leaders().get(name), config.metaSchema(), policies::get),
                    stats, clocks, served);
            pipeline.start();
            handlers.values().forEach(HandlerDispatch::resumeStored);
            return new HubRuntime(pipeline, registry, http, extras);
        } catch (RuntimeException e) {
            closeAll(extras);
            if (http != null) {
                http.close();
            }
            throw e;
        }
    }

    /** Conflict metrics (with the open-conflicts poller) and, when configured, webhook notifications. */
    private static ConflictObserver conflictObservers(BridgeConfig config, List<String> served,
                                                      PrometheusRegistry registry, List<AutoCloseable> extras) {
        List<String> tables = config.tables().stream().map(t -> t.id().toString()).toList();
        ConflictMetrics metrics = new ConflictMetrics(served, tables);
        metrics.register(registry);
        extras.add(new OpenConflictsPoller(new LeaderConflicts(config, served), served, metrics, 5_000));
        List<ConflictObserver> all = new java.util.ArrayList<>(List.of(metrics));
        if (config.notifications().webhook().isPresent()) {
            ConflictNotifier notifier = new ConflictNotifier(config.notifications(),
                    List.copyOf(config.leaders().keySet()));
            notifier.register(registry);
            extras.add(notifier);
            all.add(notifier);
        }
        return new ConflictObservers(all);
    }

    private static void closeAll(List<AutoCloseable> extras) {
        for (AutoCloseable c : extras) {
            try {
                c.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(HubRuntime.class).debug("closing {}: {}", c, e.toString());
            }
        }
    }

    private static MariaDbCapture capture(BridgeConfig config, LeaderConfig leader, List<TableId> tables, Path state) {
        return new MariaDbCapture(leader, tables, config.metaSchema(), state.resolve("capture").resolve(leader.name()),
                config.capture(), MariaDbCapture.serverIdFor(config.cluster() + "/" + leader.name()));
    }

    public PipelineStats stats() {
        return pipeline.stats();
    }

    /** Waits until every leader's capture streams, so every commit from now on is replicated. */
    public boolean awaitStreaming(long timeout, TimeUnit unit) throws InterruptedException {
        return pipeline.awaitStreaming(timeout, unit);
    }

    /** The metrics registry the HTTP server scrapes. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** The port the HTTP server listens on; empty with {@code http.enabled: false}. */
    public OptionalInt httpPort() {
        return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
    }

    @Override
    public void close() {
        try {
            pipeline.close();
        } finally {
            closeAll(extras);
            if (http != null) {
                http.close();
            }
        }
    }
}
