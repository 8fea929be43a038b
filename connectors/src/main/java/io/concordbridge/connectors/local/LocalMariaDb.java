package io.concordbridge.connectors.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway {@code mariadbd} on 127.0.0.1 with its own datadir, port and server id, binlog in
 * ROW format with full row images. For the demo, tests and benchmarks; never for real data.
 * Root logs in over TCP with an empty password. Not thread-safe; {@link #close()} removes the
 * process (the datadir stays until its parent folder is removed).
 */
public final class LocalMariaDb implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalMariaDb.class);
    private static final List<String> SEARCH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin",
            "/usr/local/mysql/bin");
    private static final Object TEMPLATE_LOCK = new Object();
    private static Path template;

    private final String name;
    private final Path dir;
    private final int port;
    private final int serverId;
    private final List<String> extraArgs;
    private Process process;

    private LocalMariaDb(String name, Path dir, int port, int serverId, List<String> extraArgs) {
        this.name = name;
        this.dir = dir;
        this.port = port;
        this.serverId = serverId;
        this.extraArgs = List.copyOf(extraArgs);
    }

    /**
     * Creates a datadir under {@code baseDir/name} and starts a server on a free port.
     *
     * @param extraArgs more {@code --option=value} server options (they win over the defaults)
     */
    public static LocalMariaDb start(Path baseDir, String name, int serverId, List<String> extraArgs) {
        Path dir = baseDir.resolve(name);
        try {
            Files.createDirectories(dir);
            copyTree(template(), dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the datadir of " + name + " under " + dir, e);
        }
        LocalMariaDb db = new LocalMariaDb(name, dir, freePort(), serverId, extraArgs);
        db.startProcess();
        return db;
    }

    public static LocalMariaDb start(Path baseDir, String name, int serverId) {
        return start(baseDir, name, serverId, List.of());
    }

    /** The path of a MariaDB server program, or an exception that says how to install it. */
    public static Path findProgram(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        List<String> dirs = new ArrayList<>(List.of(path.split(":")));
        dirs.addAll(SEARCH);
        for (String d : dirs) {
            if (d.isEmpty()) {
                continue;
            }
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(program + " is not installed: install MariaDB server first "
                + "(Debian/Ubuntu: sudo apt-get install -y mariadb-server; Fedora: sudo dnf install mariadb-server; "
                + "macOS: brew install mariadb)");
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public int serverId() {
        return serverId;
    }

    public Path dir() {
        return dir;
    }

    /** JDBC URL of a database on this server (empty for none). */
    public String jdbcUrl(String database) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?user=root&password=&useSSL=false&allowPublicKeyRetrieval=true&serverTimezone=UTC";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(""));
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Stops the server cleanly (SIGTERM) and waits for it. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Kills the server with SIGKILL, as a crash would. */
    public void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Starts the server again on the same datadir and port. */
    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        List<String> cmd = new ArrayList<>();
        cmd.add(findProgram("mariadbd").toString());
        cmd.add("--no-defaults");
        cmd.add("--datadir=" + dir.resolve("data"));
        cmd.add("--port=" + port);
        cmd.add("--bind-address=127.0.0.1");
        cmd.add("--socket=" + dir.resolve("mariadb.sock"));
        cmd.add("--pid-file=" + dir.resolve("mariadb.pid"));
        cmd.add("--log-error=" + dir.resolve("error.log"));
        cmd.add("--server-id=" + serverId);
        cmd.add("--log-bin=" + dir.resolve("data").resolve("binlog"));
        cmd.add("--binlog-format=ROW");
        cmd.add("--binlog-row-image=FULL");
        cmd.add("--character-set-server=utf8mb4");
        cmd.add("--collation-server=utf8mb4_general_ci");
        cmd.add("--skip-name-resolve");
        cmd.add("--innodb-buffer-pool-size=64M");
        cmd.add("--innodb-log-file-size=48M");
        cmd.add("--performance-schema=OFF");
        cmd.add("--max-connections=200");
        cmd.add("--max-allowed-packet=256M");
        cmd.add("--sync-binlog=1");
        cmd.add("--innodb-flush-log-at-trx-commit=1");
        if (isRoot()) {
            cmd.add("--user=root");
        }
        cmd.addAll(extraArgs);
        try {
            process = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mariadbd for " + name, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "stop-mariadbd-" + name));
        waitReady(Duration.ofSeconds(90));
        LOG.info("MariaDB {} running on 127.0.0.1:{} (server id {}, datadir {})", name, port, serverId, dir);
    }

    private void waitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mariadbd " + name + " exited with " + process.exitValue()
                        + "; see " + dir.resolve("error.log") + ":\n" + tail(dir.resolve("error.log")));
            }
            try (Connection c = connect()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("mariadbd " + name + " did not accept connections on port " + port
                + " within " + timeout.toSeconds() + " s: " + (last == null ? "" : last.getMessage()));
    }

    private static Path template() throws IOException {
        synchronized (TEMPLATE_LOCK) {
            if (template != null && Files.isDirectory(template)) {
                return template;
            }
            Path t = Files.createTempDirectory("concord-mariadb-template");
            Path data = t.resolve("data");
            List<String> cmd = new ArrayList<>(List.of(findProgram("mariadb-install-db").toString(), "--no-defaults",
                    "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db",
                    "--innodb-log-file-size=48M"));
            if (isRoot()) {
                cmd.add("--user=root");
            }
            Path base = findProgram("mariadbd").getParent().getParent();
            cmd.add("--basedir=" + (Files.isDirectory(base.resolve("share/mysql")) || Files.isDirectory(base.resolve("share/mariadb")) ? base : Path.of("/usr")));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(t.resolve("install.log").toFile()).start();
            try {
                if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("mariadb-install-db failed; see " + t.resolve("install.log")
                            + ":\n" + tail(t.resolve("install.log")));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while initialising a MariaDB datadir", e);
            }
            Path done = t;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(done), "remove-mariadb-template"));
            template = data;
            return template;
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Removes a folder and everything below it; errors are ignored (best effort clean-up). */
    public static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not remove {}: {}", root, e.toString());
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * A TCP port nothing on 127.0.0.1 listens on now, for a server that must be told its port up front (a throwaway
     * mariadbd, a Kafka broker, which advertises it to clients).
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(" + file + " unreadable)";
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
