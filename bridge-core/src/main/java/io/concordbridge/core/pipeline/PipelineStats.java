package io.concordbridge.core.pipeline;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters and states of a running bridge, by leader and by origin→target pair. Read by the
 * command line, metrics and tests. Thread-safe; all counters only grow.
 */
public final class PipelineStats {

    private final Map<String, LongAdder> captured = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> capturedTx = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> echoes = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> applied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> appliedTx = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> batches = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastLag = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<LeaderState>> captureState = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<LeaderState>> applyState = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<String>> lastError = new ConcurrentHashMap<>();
    private final Map<String, AtomicReference<String>> capturePosition = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> captureCommitMillis = new ConcurrentHashMap<>();

    public void captured(String origin, long txs, long changes) {
        adder(capturedTx, origin).add(txs);
        adder(captured, origin).add(changes);
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

    public void batchApplied(String target) {
        adder(batches, target).increment();
    }

    public void captureState(String leader, LeaderState state, String error) {
        captureState.computeIfAbsent(leader, k -> new AtomicReference<>()).set(state);
        if (error != null) {
            lastError.computeIfAbsent("capture:" + leader, k -> new AtomicReference<>()).set(error);
        }
    }

    public void applyState(String target, LeaderState state, String error) {
        applyState.computeIfAbsent(target, k -> new AtomicReference<>()).set(state);
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

    public LeaderState applyState(String target) {
        AtomicReference<LeaderState> s = applyState.get(target);
        return s == null ? LeaderState.STARTING : s.get();
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
