package io.concordbridge.ops.conflicts;

import io.concordbridge.ops.metrics.ConflictMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads how many conflicts are open on each leader, by table, every few seconds, into the
 * {@code concord_conflicts_open} gauge, and once per leader the conflicts its history recorded before
 * this process started into {@code concord_conflicts_total}, so a restart does not reset them. A leader that cannot be read keeps its last figures and is
 * retried at the next round. One daemon thread; {@link #close()} stops it.
 */
public final class OpenConflictsPoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenConflictsPoller.class);

    private final ScheduledExecutorService timer;

    public OpenConflictsPoller(LeaderConflicts leaders, List<String> served, ConflictMetrics metrics, long periodMillis) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "open-conflicts");
            t.setDaemon(true);
            return t;
        });
        Set<String> seeded = ConcurrentHashMap.newKeySet();
        java.time.Instant started = java.time.Instant.now();
        timer.scheduleWithFixedDelay(() -> served.forEach(l -> {
            try {
                if (!seeded.contains(l)) {
                    metrics.seed(l, leaders.of(l).historyCounts(started));
                    seeded.add(l);
                }
                metrics.open(l, leaders.of(l).countOpenByTable());
            } catch (SQLException | RuntimeException e) {
                LOG.debug("counting the open conflicts of {}: {}", l, e.toString());
            }
        }), 0, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
