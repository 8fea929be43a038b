package io.concordbridge.core.pipeline;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CatchUpProgressTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aLaneFarBehindSaysWhatIsLeftTheRateAndTheTimeLeftEveryInterval() {
        CatchUpProgress p = new CatchUpProgress("apply of dc1 to dc3", clock, 10_000);
        p.start(Map.of("dc1", 0L, "dc2", 0L));
        p.applied("dc1", 20_000);
        now = now.plusSeconds(5);
        assertThat(p.report(o -> 50_000)).as("not due yet").isNull();
        now = now.plusSeconds(5);
        assertThat(p.report(o -> 50_000))
                .isEqualTo("apply of dc1 to dc3 catching up: 80,000 origin transactions left, 2,000/s, about 40 s left");
        now = now.plusSeconds(10);
        assertThat(p.report(o -> 50_000)).contains("80,000 origin transactions left, 0/s, no progress");
    }

    @Test
    void aLaneThatKeepsUpSaysNothing() {
        CatchUpProgress p = new CatchUpProgress("apply of dc1 to dc3", clock, 10_000);
        p.start(Map.of("dc1", 100L));
        p.applied("dc1", 600);
        now = now.plusSeconds(11);
        assertThat(p.report(o -> 700)).isNull();
    }
}
