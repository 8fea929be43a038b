package io.concordbridge.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counters and states of a running bridge, by leader and by origin→target pair. Read by the
 * command line, metrics and tests. Thread-safe; all counters only grow. Each apply is also
 * forwarded to the registered {@link ApplyObserver}s.
 */
public final class PipelineStats {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineStats.class);

    private final Map<String, LongAdder> captured = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> capturedTx = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> echoes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> transportErrors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> applied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> appliedTx = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> batches = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> holds = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> holdsRanOut = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> holdNanos = new ConcurrentHashMap<>();
    private final Map<ApplyTarget.Retry, Map<String, LongAdder>> retries = perRetry();
    private final Map<String, AtomicLong> lastLag = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<LeaderState>> captureState = new ConcurrentHashMap<>();
    /** Per target, the state of each of its apply lanes (a lane by the origins it applies). */
    private final Map<String, Map<String, LeaderState>> applyState = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<String>> lastError = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<String>> capturePosition = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> captureCommitMillis = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> checkpointMillis = new ConcurrentHashMap<>();
    /** Per target, whether each of its apply lanes found nothing left at its last look. */
    private final Map<String, Map<String, Boolean>> caughtUp = new ConcurrentHashMap<>();
    private final List<ApplyObserver> observers = new CopyOnWriteArrayList<>();

    /** Adds an observer of every apply from now on. */
    public void addObserver(ApplyObserver observer) {
        observers.add(observer);
    }

    public void captured(String origin, long txs, long changes) {
        adder(capturedTx, origin).add(txs);
        adder(captured, origin).add(changes);
    }

    /** A publish of the leader's transactions failed because the transport could not take them. */
    public void transportError(String leader) {
        adder(transportErrors, leader).increment();
    }

    public long transportErrors(String leader) {
        return sum(transportErrors, leader);
    }

    public void echoesDropped(String leader, long changes) {
        adder(echoes, leader).add(changes);
    }

    public void applied(String origin, String target, long txs, long changes, long lagMillis) {
        String pair = pair(origin, target);
        adder(appliedTx, pair).add(txs);
        adder(applied, pair).add(changes);
        lastLag.computeIfAbsent(pair, k -> new AtomicLong()).set(lagMillis);
    }

    /**
     * Adds what {@code target} applied of {@code origin} before this process started (its meta
     * schema keeps the totals), so a restart does not reset the counters. Call once per pair.
     */
    public void seedApplied(String origin, String target, long txs, long changes) {
        String pair = pair(origin, target);
        adder(appliedTx, pair).add(txs);
        adder(applied, pair).add(changes);
    }

    public void batchApplied(String target) {
        adder(batches, target).increment();
    }

    /**
     * An apply at {@code target} held its rows {@code nanos} waiting for the target's own capture;
     * {@code passed}: the capture passed them in time.
     */
    public void captureHeld(String target, long nanos, boolean passed) {
        adder(holds, target).increment();
        adder(holdNanos, target).add(nanos);
        if (!passed) {
            adder(holdsRanOut, target).increment();
        }
    }

    private static Map<ApplyTarget.Retry, Map<String, LongAdder>> perRetry() {
        Map<ApplyTarget.Retry, Map<String, LongAdder>> m = new EnumMap<>(ApplyTarget.Retry.class);
        for (ApplyTarget.Retry why : ApplyTarget.Retry.values()) {
            m.put(why, new ConcurrentHashMap<>());
        }
        return m;
    }

    /** An apply at {@code target} rolled its batch back and made it again, for {@code why}. */
    public void retried(String target, ApplyTarget.Retry why) {
        adder(retries.get(why), target).increment();
    }

    /** Batches made again at {@code target} for {@code why}. */
    public long retries(String target, ApplyTarget.Retry why) {
        return sum(retries.get(why), target);
    }

    /** Holds for the capture at {@code target}: all of them, or those that ran out ({@code ranOut}). */
    public long captureHolds(String target, boolean ranOut) {
        return sum(ranOut ? holdsRanOut : holds, target);
    }

    /** Seconds the applies at {@code target} held rows waiting for its capture. */
    public double captureHoldSeconds(String target) {
        return sum(holdNanos, target) / 1e9;
    }

    /** A batch of {@code changes} committed at {@code target}: counted, and forwarded to the observers. */
    public void batchApplied(String target, int changes) {
        batchApplied(target);
        forward(o -> o.batchApplied(target, changes));
    }

    /** One origin transaction committed at {@code target}; only forwarded (the totals come from {@link #applied}). */
    public void transactionApplied(String origin, String target, int changes, long lagMillis) {
        forward(o -> o.transactionApplied(origin, target, changes, lagMillis));
    }

    /** The checkpoint of {@code origin} at {@code target} advanced in a transaction committed at {@code atMillis}. */
    public void checkpointAdvanced(String origin, String target, long atMillis) {
        checkpointMillis.computeIfAbsent(pair(origin, target), k -> new AtomicLong()).set(atMillis);
    }

    /** Whether the one apply lane of {@code target} found nothing left to apply at its last look. */
    public void applyCaughtUp(String target, boolean nothingLeft) {
        applyCaughtUp(target, "", nothingLeft);
    }

    /** Whether the apply lane {@code lane} of {@code target} found nothing left to apply at its last look. */
    public void applyCaughtUp(String target, String lane, boolean nothingLeft) {
        caughtUp.computeIfAbsent(target, k -> new ConcurrentHashMap<>()).put(lane, nothingLeft);
    }

    public void captureState(String leader, LeaderState state, String error) {
        captureState.computeIfAbsent(leader, k -> new AtomicReference<>()).set(state);
        if (error != null) {
            lastError.computeIfAbsent("capture:" + leader, k -> new AtomicReference<>()).set(error);
        }
    }

    /** The state of the one apply lane of {@code target}. */
    public void applyState(String target, LeaderState state, String error) {
        applyState(target, "", state, error);
    }

    /** The state of the apply lane {@code lane} of {@code target}. */
    public void applyState(String target, String lane, LeaderState state, String error) {
        applyState.computeIfAbsent(target, k -> new ConcurrentHashMap<>()).put(lane, state);
        if (error != null) {
            lastError.computeIfAbsent("apply:" + target, k -> new AtomicReference<>()).set(error);
        }
    }

    public void capturePosition(String leader, String position, long commitMillis) {
        capturePosition.computeIfAbsent(leader, k -> new AtomicReference<>()).set(position);
        captureCommitMillis.computeIfAbsent(leader, k -> new AtomicLong()).set(commitMillis);
    }

    /** Changes captured at an origin and published (echoes excluded). */
    public long captured(String origin) {
        return sum(captured, origin);
    }

    public long capturedTransactions(String origin) {
        return sum(capturedTx, origin);
    }

    public long echoesDropped(String leader) {
        return sum(echoes, leader);
    }

    /** Changes of an origin applied at a target. */
    public long applied(String origin, String target) {
        return sum(applied, pair(origin, target));
    }

    public long appliedTransactions(String origin, String target) {
        return sum(appliedTx, pair(origin, target));
    }

    public long batches(String target) {
        return sum(batches, target);
    }

    /** Origin commit → applied, in milliseconds, of the newest batch applied for the pair. */
    public long lastLagMillis(String origin, String target) {
        AtomicLong v = lastLag.get(pair(origin, target));
        return v == null ? 0 : v.get();
    }

    public LeaderState captureState(String leader) {
        AtomicReference<LeaderState> s = captureState.get(leader);
        return s == null ? LeaderState.STARTING : s.get();
    }

    /**
     * The apply into {@code target} as a whole: down when a lane is down, else starting while a lane
     * starts, else running while a lane runs, else stopped.
     */
    public LeaderState applyState(String target) {
        Map<String, LeaderState> lanes = applyState.get(target);
        if (lanes == null || lanes.isEmpty()) {
            return LeaderState.STARTING;
        }
        for (LeaderState s : List.of(LeaderState.DOWN, LeaderState.STARTING, LeaderState.RUNNING)) {
            if (lanes.containsValue(s)) {
                return s;
            }
        }
        return LeaderState.STOPPED;
    }

    public Optional<String> lastCaptureError(String leader) {
        return Optional.ofNullable(lastError.get("capture:" + leader)).map(AtomicReference::get);
    }

    public Optional<String> lastApplyError(String target) {
        return Optional.ofNullable(lastError.get("apply:" + target)).map(AtomicReference::get);
    }

    public Optional<String> capturePosition(String leader) {
        return Optional.ofNullable(capturePosition.get(leader)).map(AtomicReference::get);
    }

    public long captureCommitMillis(String leader) {
        AtomicLong v = captureCommitMillis.get(leader);
        return v == null ? 0 : v.get();
    }

    /** When the checkpoint of {@code origin} at {@code target} last advanced (epoch ms); 0 when it has not yet. */
    public long lastCheckpointMillis(String origin, String target) {
        AtomicLong v = checkpointMillis.get(pair(origin, target));
        return v == null ? 0 : v.get();
    }

    /** True when every apply lane of {@code target} has applied everything the transport held at its last look. */
    public boolean applyCaughtUp(String target) {
        Map<String, Boolean> lanes = caughtUp.get(target);
        return lanes != null && !lanes.isEmpty() && !lanes.containsValue(false);
    }

    private void forward(Consumer<ApplyObserver> event) {
        for (ApplyObserver o : observers) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("apply observer {} failed; replication goes on: {}", o, e.toString());
            }
        }
    }

    private static String pair(String origin, String target) {
        return origin + "->" + target;
    }

    private static LongAdder adder(Map<String, LongAdder> map, String key) {
        return map.computeIfAbsent(key, k -> new LongAdder());
    }

    private static long sum(Map<String, LongAdder> map, String key) {
        LongAdder a = map.get(key);
        return a == null ? 0 : a.sum();
    }
}
