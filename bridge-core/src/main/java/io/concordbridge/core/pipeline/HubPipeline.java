package io.concordbridge.core.pipeline;

import io.concordbridge.core.clock.HybridClock;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One process serving every leader (hub mode), or only some (sidecar mode: one): a capture per
 * served leader publishing to the transport, and an apply lane per served leader consuming every
 * other leader's log. A leader that is
 * down stalls only its own capture and lane. Each leader's changes are stamped by a hybrid
 * logical clock on that leader's wall clock (one per leader, so a test can skew one). Start
 * once, {@link #close()} once.
 */
public final class HubPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubPipeline.class);

    private final BridgeConfig config;
    private final Transport transport;
    private final Function<String, CaptureSource> captures;
    private final Function<String, ApplyTarget> targets;
    private final Function<String, LocalVersions> versions;
    private final PipelineStats stats;
    private final Function<String, Clock> leaderClocks;
    private final Clock clock;
    private final Set<String> served;
    private final Map<String, CaptureSupervisor> supervisors = new LinkedHashMap<>();
    private final List<ApplyLane> lanes = new ArrayList<>();
    private final List<Thread> laneThreads = new ArrayList<>();
    private final Map<String, HybridClock> clocks = new LinkedHashMap<>();
    private final List<LocalVersions> localVersions = new ArrayList<>();

    public HubPipeline(BridgeConfig config, Transport transport, Function<String, CaptureSource> captures,
                       Function<String, ApplyTarget> targets, Function<String, LocalVersions> versions,
                       PipelineStats stats, Function<String, Clock> leaderClocks) {
        this(config, transport, captures, targets, versions, stats, leaderClocks, config.leaders().keySet());
    }

    /** Serves only the leaders {@code served} (sidecar mode): their captures, and the lanes applying to them. */
    public HubPipeline(BridgeConfig config, Transport transport, Function<String, CaptureSource> captures,
                       Function<String, ApplyTarget> targets, Function<String, LocalVersions> versions,
                       PipelineStats stats, Function<String, Clock> leaderClocks, Collection<String> served) {
        this.served = Set.copyOf(served);
        this.config = config;
        this.transport = transport;
        this.captures = captures;
        this.targets = targets;
        this.versions = versions;
        this.stats = stats;
        this.leaderClocks = leaderClocks;
        this.clock = Clock.systemUTC();
    }

    public PipelineStats stats() {
        return stats;
    }

    /** Starts every capture and lane; returns at once. */
    public void start() {
        List<String> all = new ArrayList<>(config.leaders().keySet());
        List<String> names = all.stream().filter(served::contains).toList();
        for (String leader : names) {
            clocks.put(leader, new HybridClock(leader, leaderClocks.apply(leader)));
        }
        Map<TableId, TablePolicy> policies = config.policies();
        for (String leader : names) {
            LocalVersions local = versions.apply(leader);
            localVersions.add(local);
            PublishingSink sink = new PublishingSink(leader, transport, clocks.get(leader), stats, local,
                    ResolutionMarker.table(config.metaSchema()), policies::get);
            Supplier<CaptureSource> source = () -> captures.apply(leader);
            CaptureSupervisor supervisor = new CaptureSupervisor(leader, source, sink, stats, 30_000);
            supervisors.put(leader, supervisor);
            supervisor.start();
        }
        for (String target : names) {
            for (String origin : all.stream().filter(n -> !n.equals(target)).toList()) {
                ApplyLane lane = new ApplyLane(target, List.of(origin), transport, () -> targets.apply(target),
                        config.apply(), stats, clock, clocks.get(target)::observe);
                Thread t = new Thread(lane, "apply-" + origin + "-" + target);
                lanes.add(lane);
                laneThreads.add(t);
                t.start();
            }
        }
        LOG.info("pipeline started for leaders {}", names);
    }

    /** Waits until every capture has streamed once (so every later commit will be replicated). */
    public boolean awaitStreaming(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (CaptureSupervisor s : supervisors.values()) {
            if (!s.awaitStreaming(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return false;
            }
        }
        return true;
    }

    /** Stops captures first, lets the lanes finish their batch in flight, then closes the transport. */
    @Override
    public void close() {
        supervisors.values().forEach(CaptureSupervisor::close);
        lanes.forEach(ApplyLane::stop);
        for (Thread t : laneThreads) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        localVersions.forEach(LocalVersions::close);
        transport.close();
        LOG.info("hub pipeline stopped");
    }
}
