package io.concordbridge.core.clock;

import io.concordbridge.core.model.Stamp;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One leader's hybrid logical clock: stamps follow the wall clock in microseconds but never go
 * backwards, not when the wall clock steps back and not below anything {@link #observe observed}
 * (the head of the leader's own log at start-up, remote stamps as they are seen), so every stamp
 * is strictly above every earlier one and above every observed value. Ties between leaders are
 * broken by {@link Stamp}'s ordering on the leader name. The wall clock is injected; tests of
 * skew pass {@link Clock#offset}. Thread-safe and lock-free.
 */
public final class HybridClock {

    private final String leader;
    private final Clock clock;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE);

    public HybridClock(String leader, Clock clock) {
        this.leader = Objects.requireNonNull(leader, "leader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String leader() {
        return leader;
    }

    /** A new stamp: the wall clock's micros, or one above the previous stamp or observed value if that is higher. */
    public Stamp next() {
        long wall = micros(clock.instant());
        long micros = last.updateAndGet(prev -> prev == Long.MIN_VALUE ? wall : Math.max(wall, Math.addExact(prev, 1)));
        return new Stamp(micros, leader);
    }

    /** Raises the floor: every later {@link #next()} is above {@code micros}. A lower value changes nothing. */
    public void observe(long micros) {
        last.accumulateAndGet(micros, Math::max);
    }

    /** The last stamp given or value observed, in micros ({@link Long#MIN_VALUE} before either). */
    public long lastMicros() {
        return last.get();
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }
}
