package io.concordbridge.core.clock;

import io.concordbridge.core.model.Stamp;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HybridClockTest {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00.000001Z");
    private static final long T0_MICROS = T0.getEpochSecond() * 1_000_000L + 1;

    /** A wall clock the test sets by hand. */
    static final class SettableClock extends Clock {
        private final AtomicReference<Instant> now;

        SettableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void followsTheWallClockInMicros() {
        SettableClock wall = new SettableClock(T0);
        HybridClock clock = new HybridClock("dc1", wall);
        assertThat(clock.next()).isEqualTo(new Stamp(T0_MICROS, "dc1"));
        wall.advance(Duration.ofMillis(3));
        assertThat(clock.next().micros()).isEqualTo(T0_MICROS + 3_000);
    }

    @Test
    void staysMonotonicWhenTheWallClockJumpsBackFiveSeconds() {
        SettableClock wall = new SettableClock(T0);
        HybridClock clock = new HybridClock("dc1", wall);
        Stamp before = clock.next();
        wall.advance(Duration.ofSeconds(-5));
        List<Stamp> after = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            after.add(clock.next());
        }
        assertThat(after.get(0).micros()).isEqualTo(before.micros() + 1);
        assertThat(after).isSorted().doesNotHaveDuplicates();
        assertThat(after.get(999).micros()).isEqualTo(before.micros() + 1000);
        wall.advance(Duration.ofSeconds(6));
        assertThat(clock.next().micros()).isEqualTo(T0_MICROS + 1_000_000);
    }

    @Test
    void observeRaisesTheFloorAboveARemoteOrRecoveredStamp() {
        SettableClock wall = new SettableClock(T0);
        HybridClock clock = new HybridClock("dc1", wall);
        clock.observe(T0_MICROS + 10_000_000);
        assertThat(clock.next().micros()).isEqualTo(T0_MICROS + 10_000_001);
        clock.observe(T0_MICROS);
        assertThat(clock.next().micros()).isEqualTo(T0_MICROS + 10_000_002);
    }

    @Test
    void skewedLeadersTieBreakByLeaderName() {
        SettableClock wall = new SettableClock(T0);
        HybridClock dc1 = new HybridClock("dc1", wall);
        HybridClock dc2 = new HybridClock("dc2", Clock.offset(wall, Duration.ofSeconds(-2)));
        Stamp a = dc1.next();
        dc2.observe(a.micros() - 1);
        Stamp b = dc2.next();
        assertThat(b.micros()).isEqualTo(a.micros());
        assertThat(b).isGreaterThan(a);
        assertThat(b.isAfter(a)).isTrue();
        assertThat(a.compareTo(b)).isNegative();
    }

    @Test
    void concurrentCallersNeverGetTheSameStamp() throws InterruptedException {
        HybridClock clock = new HybridClock("dc1", Clock.fixed(T0, ZoneOffset.UTC));
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    seen.add(clock.next().micros());
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(seen).hasSize(40_000);
        assertThat(clock.lastMicros()).isEqualTo(T0_MICROS + 39_999);
    }
}
