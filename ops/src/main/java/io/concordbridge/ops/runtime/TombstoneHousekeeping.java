package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.connectors.apply.mariadb.MetaSchema;
import io.concordbridge.connectors.apply.mariadb.TombstonePurge;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.LeaderConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Purges, every hour, the tombstones of each served leader that no write can be judged against any
 * more ({@link TombstonePurge}, {@code apply.tombstone-retention-hours}). A leader that cannot be
 * reached is tried again the next hour. One daemon thread; {@link #close()} stops it.
 */
final class TombstoneHousekeeping implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TombstoneHousekeeping.class);

    private final ScheduledExecutorService timer;

    TombstoneHousekeeping(BridgeConfig config, List<String> served) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tombstone-purge");
            t.setDaemon(true);
            return t;
        });
        MetaSchema meta = new MetaSchema(config.metaSchema());
        Duration retention = Duration.ofHours(config.apply().tombstoneRetentionHours());
        List<String> all = List.copyOf(config.leaders().keySet());
        timer.scheduleWithFixedDelay(() -> served.forEach(name -> {
            LeaderConfig leader = config.leaders().get(name);
            List<String> origins = all.stream().filter(o -> !o.equals(name)).toList();
            try (Connection c = MariaDbConnections.open(leader, MariaDbConnections.COMMON)) {
                long purged = TombstonePurge.purge(c, meta, origins, retention);
                if (purged > 0) {
                    LOG.info("purged {} tombstones on {} (older than every origin's checkpoint less {} h)", purged,
                            name, retention.toHours());
                }
            } catch (Exception e) {
                LOG.debug("tombstone purge on {} failed, retried in an hour: {}", name, e.toString());
            }
        }), 10, 3600, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
