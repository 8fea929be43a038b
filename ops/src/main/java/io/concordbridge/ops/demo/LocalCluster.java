package io.concordbridge.ops.demo;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Throwaway MariaDB leaders dc1..dcN under one folder, started in parallel, with a config file
 * for the bridge. For the demo, benchmarks and tests. Not thread-safe.
 */
public final class LocalCluster implements AutoCloseable {

    private final Path dir;
    private final Map<String, LocalMariaDb> leaders;

    private LocalCluster(Path dir, Map<String, LocalMariaDb> leaders) {
        this.dir = dir;
        this.leaders = leaders;
    }

    /** Starts leaders dc1..dcN (server ids 1..N) under {@code dir}. */
    public static LocalCluster start(Path dir, int count, List<String> extraArgs) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(count, 3));
        Map<String, Future<LocalMariaDb>> started = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            int id = i;
            started.put("dc" + i, pool.submit(() -> LocalMariaDb.start(dir, "dc" + id, id, extraArgs)));
        }
        pool.shutdown();
        Map<String, LocalMariaDb> leaders = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<String, Future<LocalMariaDb>> e : started.entrySet()) {
            try {
                leaders.put(e.getKey(), e.getValue().get());
            } catch (ExecutionException ex) {
                failure = ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted while starting leaders", ex);
            }
        }
        if (failure != null) {
            leaders.values().forEach(LocalMariaDb::close);
            throw failure;
        }
        return new LocalCluster(dir, leaders);
    }

    public Path dir() {
        return dir;
    }

    public Map<String, LocalMariaDb> leaders() {
        return leaders;
    }

    public LocalMariaDb leader(String name) {
        return leaders.get(name);
    }

    /** Runs the same statements on every leader (the leaders start identical). */
    public void executeEverywhere(String... sql) {
        for (LocalMariaDb db : leaders.values()) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (String q : sql) {
                    s.execute(q);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("on " + db.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Writes {@code bridge.yaml} for these leaders (state in {@code state/}, meta schema {@code concord}). */
    public Path writeConfig(String cluster, List<String> tables, String extraYaml) {
        return writeConfig(dir.resolve("bridge.yaml"), cluster, tables, dir.resolve("state"), "concord", extraYaml);
    }

    /**
     * Writes a bridge config for these leaders (root, no password) and returns its path. Unless
     * {@code extraYaml} has an {@code http:} section, the HTTP server takes any free port, so
     * throwaway clusters, tests and benchmarks never collide on 9464.
     */
    public Path writeConfig(Path file, String cluster, List<String> tables, Path stateDir, String metaSchema,
                            String extraYaml) {
        StringBuilder y = new StringBuilder();
        y.append("cluster: ").append(cluster).append('\n');
        y.append("leaders:\n");
        leaders.forEach((name, db) -> y.append("  ").append(name).append(": { host: 127.0.0.1, port: ")
                .append(db.port()).append(", user: root, password: \"\" }\n"));
        y.append("tables: [ ").append(String.join(", ", tables)).append(" ]\n");
        y.append("state-dir: ").append(stateDir).append('\n');
        y.append("meta-schema: ").append(metaSchema).append('\n');
        if (extraYaml == null || !extraYaml.contains("http:")) {
            y.append("http: { port: 0 }\n");
        }
        if (extraYaml != null && !extraYaml.isBlank()) {
            y.append(extraYaml).append('\n');
        }
        try {
            Files.writeString(file, y);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    /** Stops every leader; the folder is removed too when {@code removeFiles}. */
    public void close(boolean removeFiles) {
        List<LocalMariaDb> all = new ArrayList<>(leaders.values());
        all.parallelStream().forEach(LocalMariaDb::close);
        if (removeFiles) {
            LocalMariaDb.deleteTree(dir);
        }
    }

    @Override
    public void close() {
        close(true);
    }
}
