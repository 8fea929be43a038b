package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.ops.demo.LocalCluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Every server of a bench run, started in parallel: leaders dc1..dc3 for the bridge (server ids
 * 1..3) and, unless skipped, a native primary (id 11) and replica (id 12). All get
 * {@link LocalMariaDb}'s flags (sync_binlog=1, innodb_flush_log_at_trx_commit=1, ...); the replica
 * also {@code log_slave_updates=ON}, so it binlogs what it applies as a bridge leader does. For
 * sidecar mode, unless skipped, a single-node Kafka broker ({@link BenchBroker}), which runs only
 * while sidecar mode is measured. {@link #close()} stops them all. Not thread-safe.
 */
final class BenchServers implements AutoCloseable {

    static final List<String> REPLICA_ARGS = List.of("--log-slave-updates=ON");

    private final LocalCluster cluster;
    private final LocalMariaDb primary;
    private final LocalMariaDb replica;
    private final BenchBroker broker;

    private BenchServers(LocalCluster cluster, LocalMariaDb primary, LocalMariaDb replica, BenchBroker broker) {
        this.cluster = cluster;
        this.primary = primary;
        this.replica = replica;
        this.broker = broker;
    }

    static BenchServers start(Path dir, boolean withNative, boolean withKafka) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CompletableFuture<LocalCluster> leaders = CompletableFuture.supplyAsync(
                    () -> LocalCluster.start(dir.resolve("bridge"), 3, List.of()), pool);
            CompletableFuture<LocalMariaDb> primary = withNative ? CompletableFuture.supplyAsync(
                    () -> LocalMariaDb.start(dir.resolve("native"), "primary", 11, List.of()), pool) : null;
            CompletableFuture<LocalMariaDb> replica = withNative ? CompletableFuture.supplyAsync(
                    () -> LocalMariaDb.start(dir.resolve("native"), "replica", 12, REPLICA_ARGS), pool) : null;
            BenchServers servers = new BenchServers(join(leaders), join(primary), join(replica),
                    withKafka ? new BenchBroker(dir.resolve("kafka")) : null);
            if (servers.cluster == null || (withNative && (servers.primary == null || servers.replica == null))) {
                servers.close();
                Throwable cause = failure(leaders, primary, replica);
                throw new IllegalStateException("could not start the bench's servers: " + cause.getMessage(), cause);
            }
            return servers;
        } finally {
            pool.shutdown();
        }
    }

    LocalCluster cluster() {
        return cluster;
    }

    /** The native primary, or null when native replication is skipped. */
    LocalMariaDb primary() {
        return primary;
    }

    LocalMariaDb replica() {
        return replica;
    }

    /** The Kafka broker of sidecar mode (not running until sidecar mode starts), or null when it is skipped. */
    BenchBroker broker() {
        return broker;
    }

    List<LocalMariaDb> all() {
        List<LocalMariaDb> all = new ArrayList<>();
        if (cluster != null) {
            all.addAll(cluster.leaders().values());
        }
        if (primary != null) {
            all.add(primary);
        }
        if (replica != null) {
            all.add(replica);
        }
        return all;
    }

    @Override
    public void close() {
        try {
            if (broker != null) {
                broker.close();
            }
        } finally {
            all().parallelStream().forEach(LocalMariaDb::close);
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f == null ? null : f.join();
        } catch (CompletionException e) {
            return null;
        }
    }

    @SafeVarargs
    private static Throwable failure(CompletableFuture<?>... futures) {
        for (CompletableFuture<?> f : futures) {
            if (f != null && f.isCompletedExceptionally()) {
                try {
                    f.join();
                } catch (CompletionException e) {
                    return e.getCause() == null ? e : e.getCause();
                }
            }
        }
        return new IllegalStateException("unknown failure");
    }
}
