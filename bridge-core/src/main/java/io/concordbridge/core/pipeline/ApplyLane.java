package io.concordbridge.core.pipeline;

import io.concordbridge.core.config.ApplyConfig;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.Transport;
import io.concordbridge.core.transport.TransportReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Applies the logs of one or more origins to one target leader, on its own thread. Each batch holds
 * whole origin transactions (per-origin order kept) and is one target transaction that also
 * advances the checkpoints, so a crash never skips or repeats an effect. A target that is down is
 * retried with backoff and resumes from its stored checkpoints; it never holds up the lanes of
 * other targets. The pipeline runs one lane per origin and target, so the origins' logs apply to a
 * target in parallel: they checkpoint apart, and row locks order their changes to one row (which
 * detection and resolution settle alike in either order).
 */
public final class ApplyLane implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ApplyLane.class);
    private static final Duration IDLE_WAIT = Duration.ofMillis(5);

    private final String target;
    private final List<String> origins;
    /** This lane among the target's lanes (its origins), and how logs name it. */
    private final String lane;
    private final String name;
    private final Transport transport;
    private final Supplier<ApplyTarget> targets;
    private final ApplyConfig config;
    private final PipelineStats stats;
    private final Clock clock;
    private final java.util.function.LongConsumer stampObserver;
    private volatile boolean running = true;
    private final Map<String, TransportReader> readers = new LinkedHashMap<>();
    private ApplyTarget applier;
    private boolean seeded;
    private final CatchUpProgress progress;

    public ApplyLane(String target, List<String> origins, Transport transport, Supplier<ApplyTarget> targets,
                     ApplyConfig config, PipelineStats stats, Clock clock,
                     java.util.function.LongConsumer stampObserver) {
        this.target = target;
        this.origins = List.copyOf(origins);
        this.lane = String.join(",", this.origins);
        this.name = "apply of " + lane + " to " + target;
        this.transport = transport;
        this.targets = targets;
        this.config = config;
        this.stats = stats;
        this.clock = clock;
        this.stampObserver = stampObserver;
        this.progress = new CatchUpProgress(name, clock, 10_000);
    }

    public String target() {
        return target;
    }

    /** Asks the lane to stop after the batch in flight. */
    public void stop() {
        running = false;
    }

    @Override
    public void run() {
        org.slf4j.MDC.put("leader", target);
        Backoff backoff = new Backoff(100, config.retryMaxMs());
        boolean reportedDown = false;
        while (running) {
            try {
                connect();
                stats.applyCaughtUp(target, lane, false);
                stats.applyState(target, lane, LeaderState.RUNNING, null);
                if (reportedDown) {
                    LOG.info("{} resumed", name);
                    reportedDown = false;
                }
                backoff.reset();
                applyUntilStopped();
            } catch (ApplyException e) {
                stats.applyState(target, lane, LeaderState.DOWN, e.getMessage());
                if (!reportedDown || !e.transientFailure()) {
                    if (e.transientFailure()) {
                        LOG.warn("{} paused, retrying with backoff: {}", name, e.getMessage());
                    } else {
                        LOG.error("{} failed and will be retried; fix the cause: {}", name, e.getMessage());
                    }
                    reportedDown = true;
                }
                disconnect();
                sleep(e.transientFailure() ? backoff.next() : Math.max(backoff.next(), 10_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                stats.applyState(target, lane, LeaderState.DOWN, e.toString());
                LOG.error("{} failed unexpectedly and will be retried", name, e);
                reportedDown = true;
                disconnect();
                sleep(Math.max(backoff.next(), 5_000));
            }
        }
        disconnect();
        stats.applyState(target, lane, LeaderState.STOPPED, null);
    }

    private void connect() throws ApplyException {
        applier = targets.get();
        applier.captureProgress(() -> stats.capturePosition(target).orElse(null));
        applier.captureHolds((nanos, passed) -> stats.captureHeld(target, nanos, passed));
        applier.retries(why -> stats.retried(target, why));
        Map<String, Long> checkpoints = applier.open();
        for (String origin : origins) {
            long seq = checkpoints.getOrDefault(origin, 0L);
            long head = transport.head(origin).map(LogHead::seq).orElse(0L);
            if (seq > head) {
                throw new ApplyException(target + " has applied " + origin + "'s log up to seq " + seq
                        + " but that log ends at seq " + head + ": the state directory does not belong to these"
                        + " leaders' checkpoints; restore it, or reset the checkpoints in the meta schema on " + target,
                        false, null);
            }
            readers.put(origin, transport.open(origin, seq));
        }
        Map<String, Long> mine = new LinkedHashMap<>(checkpoints);
        mine.keySet().retainAll(origins);
        progress.start(mine);
        if (!seeded) {
            applier.appliedTotals().forEach((origin, t) -> {
                if (origins.contains(origin)) {
                    stats.seedApplied(origin, target, t[0], t[1]);
                }
            });
            seeded = true;
        }
        LOG.info("{} starting from checkpoints {}", name, mine);
    }

    private void applyUntilStopped() throws ApplyException, InterruptedException {
        while (running) {
            List<OriginTransaction> batch = nextBatch();
            stats.applyCaughtUp(target, lane, batch.isEmpty());
            if (batch.isEmpty()) {
                continue;
            }
            applyWaitingForCapture(batch);
            account(batch);
            progress.report(origin -> transport.head(origin).map(LogHead::seq).orElse(0L));
        }
    }

    /**
     * Applies a batch; when the target asks to wait for its own capture (a local write not stamped
     * yet), waits — holding no lock — until the capture has passed the position named, then retries
     * (the retry holds its row locks while it waits for the capture to pass them).
     */
    private void applyWaitingForCapture(List<OriginTransaction> batch) throws ApplyException, InterruptedException {
        while (running) {
            try {
                applier.apply(batch);
                observeStamps(batch);
                return;
            } catch (AwaitCaptureException e) {
                LOG.debug("{}: {}", name, e.getMessage());
                long deadline = System.currentTimeMillis() + 60_000;
                while (running && !LogPositions.reached(stats.capturePosition(target).orElse(null), e.position())) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new ApplyException(name + " waited 60 s for the capture of " + target
                                + " to pass " + e.position() + "; is the capture of " + target + " running?", true, e);
                    }
                    Thread.sleep(10);
                }
            }
        }
    }

    private void observeStamps(List<OriginTransaction> batch) {
        long max = 0;
        for (OriginTransaction tx : batch) {
            for (io.concordbridge.core.model.Change c : tx.changes()) {
                if (c.stamp() != null) {
                    max = Math.max(max, c.stamp().micros());
                }
            }
        }
        if (max > 0) {
            stampObserver.accept(max);
        }
    }

    private List<OriginTransaction> nextBatch() throws InterruptedException {
        List<OriginTransaction> batch = new ArrayList<>();
        int room = config.maxBatchChanges();
        for (TransportReader reader : readers.values()) {
            if (room <= 0) {
                break;
            }
            room -= addAll(batch, reader.poll(room, Duration.ZERO));
        }
        if (batch.isEmpty()) {
            for (TransportReader reader : readers.values()) {
                int got = addAll(batch, reader.poll(config.maxBatchChanges(), IDLE_WAIT));
                if (got > 0 || !batch.isEmpty()) {
                    break;
                }
            }
        }
        return batch;
    }

    private static int addAll(List<OriginTransaction> batch, List<OriginTransaction> txs) {
        int n = 0;
        for (OriginTransaction tx : txs) {
            batch.add(tx);
            n += Math.max(1, tx.size());
        }
        return n;
    }

    private void account(List<OriginTransaction> batch) {
        long now = clock.millis();
        Map<String, long[]> perOrigin = new LinkedHashMap<>();
        int changes = 0;
        for (OriginTransaction tx : batch) {
            long[] acc = perOrigin.computeIfAbsent(tx.origin(), k -> new long[4]);
            if (tx.size() > 0) {
                acc[0]++;
                acc[1] += tx.size();
                acc[3] = Math.max(acc[3], Math.max(tx.commitMillis(), tx.capturedMillis()));
                changes += tx.size();
            }
            acc[2] = Math.max(acc[2], tx.seq());
        }
        perOrigin.forEach((origin, acc) -> {
            long lag = acc[3] == 0 ? 0 : Math.max(0, now - acc[3]);
            stats.applied(origin, target, acc[0], acc[1], lag);
            stats.checkpointAdvanced(origin, target, now);
            transport.acknowledge(origin, target, acc[2]);
            progress.applied(origin, acc[2]);
        });
        for (OriginTransaction tx : batch) {
            if (tx.size() > 0) {
                stats.transactionApplied(tx.origin(), target, tx.size(), lagMillis(tx, now));
            }
        }
        stats.batchApplied(target, changes);
    }

    /** Applied time minus the later of commit and capture time: binlog commit times are whole seconds. */
    private static long lagMillis(OriginTransaction tx, long now) {
        long from = Math.max(tx.commitMillis(), tx.capturedMillis());
        return from == 0 ? 0 : Math.max(0, now - from);
    }

    private void disconnect() {
        readers.values().forEach(TransportReader::close);
        readers.clear();
        if (applier != null) {
            try {
                applier.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the apply connection to {}: {}", target, e.toString());
            }
            applier = null;
        }
    }

    private void sleep(long ms) {
        long until = System.currentTimeMillis() + ms;
        while (running && System.currentTimeMillis() < until) {
            try {
                Thread.sleep(Math.min(100, ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
