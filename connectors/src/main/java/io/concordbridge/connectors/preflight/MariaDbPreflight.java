package io.concordbridge.connectors.preflight;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.TableConfig;
import io.concordbridge.core.model.TableId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Start-up checks of every MariaDB leader of a config: reachable as the configured user, binary
 * log in ROW format with full images, a unique non-zero server id, durable binlog and InnoDB
 * flushing (warnings), the user's replication and table privileges, and every replicated table
 * present with a primary key. Leaders are checked in parallel and independently: one that is down
 * does not hide the others' findings. Each call of {@link #run()} connects afresh; thread-safe.
 */
public final class MariaDbPreflight {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbPreflight.class);

    private final BridgeConfig config;
    private final Duration connectTimeout;
    private final Set<String> checked;

    public MariaDbPreflight(BridgeConfig config) {
        this(config, DEFAULT_CONNECT_TIMEOUT);
    }

    public MariaDbPreflight(BridgeConfig config, Duration connectTimeout) {
        this(config, connectTimeout, config.leaders().keySet());
    }

    /** Checks only the leaders {@code checked} (a sidecar reaches its own leader only). */
    public MariaDbPreflight(BridgeConfig config, Duration connectTimeout, Collection<String> checked) {
        this.config = Objects.requireNonNull(config, "config");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.checked = Set.copyOf(checked);
    }

    /** Every finding, leader by leader in configured order, then those across leaders; empty when all is well. */
    public List<Finding> run() {
        Map<String, LeaderResult> results = probeAll();
        List<Finding> findings = new ArrayList<>();
        List<LeaderFacts> reachable = new ArrayList<>();
        for (LeaderResult r : results.values()) {
            findings.addAll(r.findings());
            if (r.facts() != null) {
                reachable.add(r.facts());
            }
        }
        findings.addAll(ServerIdCheck.check(reachable));
        findings.forEach(f -> LOG.debug("preflight {}", f));
        return List.copyOf(findings);
    }

    /** Only the errors of {@code findings}. */
    public static List<Finding> errors(List<Finding> findings) {
        return findings.stream().filter(Finding::isError).toList();
    }

    private Map<String, LeaderResult> probeAll() {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, Math.max(1, config.leaders().size())), r -> {
            Thread t = new Thread(r, "preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<LeaderResult>> futures = new LinkedHashMap<>();
            for (LeaderConfig leader : config.leaders().values()) {
                if (!checked.contains(leader.name())) {
                    continue;
                }
                futures.put(leader.name(), pool.submit(() -> probe(leader)));
            }
            Map<String, LeaderResult> results = new LinkedHashMap<>();
            for (Map.Entry<String, Future<LeaderResult>> e : futures.entrySet()) {
                results.put(e.getKey(), await(config.leaders().get(e.getKey()), e.getValue()));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static LeaderResult await(LeaderConfig leader, Future<LeaderResult> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LeaderResult.failed(Finding.error(leader.name(), "connection", "the check was interrupted"));
        } catch (ExecutionException e) {
            return LeaderResult.failed(Finding.error(leader.name(), "connection", "the check failed: "
                    + LeaderProbe.reason(e.getCause())));
        }
    }

    private LeaderResult probe(LeaderConfig leader) {
        List<TableId> tables = config.tables().stream().map(TableConfig::id).toList();
        try (Connection c = LeaderProbe.connect(leader, connectTimeout)) {
            LeaderFacts facts = LeaderProbe.read(leader, c, tables);
            List<Finding> findings = new ArrayList<>(ServerVariablesCheck.check(facts));
            findings.addAll(PrivilegeCheck.check(facts, tables, config.metaSchema()));
            findings.addAll(TableCheck.check(facts, tables));
            return new LeaderResult(facts, findings);
        } catch (LeaderProbe.ProbeFailure e) {
            return LeaderResult.failed(e.finding());
        } catch (SQLException e) {
            return LeaderResult.failed(Finding.error(leader.name(), "connection", "reading the settings of "
                    + leader.host() + ":" + leader.port() + " failed: " + LeaderProbe.reason(e)));
        }
    }

    /** What one leader's check produced: its facts (null when unreachable) and findings. */
    private record LeaderResult(LeaderFacts facts, List<Finding> findings) {
        static LeaderResult failed(Finding f) {
            return new LeaderResult(null, List.of(f));
        }
    }
}
