package io.concordbridge.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The progress line of an apply lane that is far behind (catching up after downtime): at most
 * every {@code everyMillis}, while the origins' logs are at least {@value #BEHIND} transactions
 * ahead of what the target applied, one INFO line with what is left, the rate and the time left.
 * Used by the lane's thread.
 */
final class CatchUpProgress {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpProgress.class);
    static final long BEHIND = 1000;

    /** How the line names the lane ("apply of dc1 to dc3"). */
    private final String lane;
    private final Clock clock;
    private final long everyMillis;
    private final Map<String, Long> applied = new HashMap<>();
    private long lastMillis;
    private long appliedSinceLast;

    CatchUpProgress(String lane, Clock clock, long everyMillis) {
        this.lane = lane;
        this.clock = clock;
        this.everyMillis = everyMillis;
        this.lastMillis = clock.millis();
    }

    void start(Map<String, Long> checkpoints) {
        applied.putAll(checkpoints);
        lastMillis = clock.millis();
        appliedSinceLast = 0;
    }

    void applied(String origin, long seq) {
        long before = applied.getOrDefault(origin, 0L);
        if (seq > before) {
            appliedSinceLast += seq - before;
            applied.put(origin, seq);
        }
    }

    /** Logs the line when it is due and the lane is far behind; returns it (null when none), for tests. */
    String report(ToLongFunction<String> heads) {
        long now = clock.millis();
        if (now - lastMillis < everyMillis) {
            return null;
        }
        long left = 0;
        for (Map.Entry<String, Long> e : applied.entrySet()) {
            left += Math.max(0, heads.applyAsLong(e.getKey()) - e.getValue());
        }
        double rate = appliedSinceLast * 1000.0 / Math.max(1, now - lastMillis);
        lastMillis = now;
        appliedSinceLast = 0;
        if (left < BEHIND) {
            return null;
        }
        String line = String.format("%s catching up: %,d origin transactions left, %,.0f/s, %s", lane, left,
                rate, rate < 1 ? "no progress in the last interval" : "about " + eta(left / rate) + " left");
        LOG.info(line);
        return line;
    }

    private static String eta(double seconds) {
        long s = Math.round(seconds);
        return s < 120 ? s + " s" : s < 7200 ? (s / 60) + " min" : (s / 3600) + " h";
    }
}
