package io.concordbridge.ops.http;

import com.sun.net.httpserver.HttpServer;
import io.concordbridge.core.config.HttpConfig;
import io.prometheus.metrics.exporter.httpserver.MetricsHandler;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bridge's one HTTP server, on {@code http.bind:http.port}: {@code GET /metrics} (Prometheus
 * text format, from the client's own scrape handler), {@code GET /health/live} and
 * {@code GET /health/ready}. Two daemon threads answer; a slow scrape never touches replication.
 * Start once, {@link #close()} once.
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;

    private OpsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens and serves; throws {@link IllegalStateException} naming the key to change when the
     * address cannot be bound.
     */
    public static OpsServer start(HttpConfig config, PrometheusRegistry registry, Readiness readiness) {
        return start(config, registry, readiness, router -> { });
    }

    /** Also serves the routes {@code more} adds (the conflicts API); state-changing ones need {@code http.token}. */
    public static OpsServer start(HttpConfig config, PrometheusRegistry registry, Readiness readiness,
                                  java.util.function.Consumer<Router> more) {
        Router router = new Router(Optional.of(config.token()))
                .get("/metrics", new MetricsHandler(registry))
                .get("/health/live", HealthHandlers.live())
                .get("/health/ready", HealthHandlers.ready(readiness));
        more.accept(router);
        HttpServer server = bind(config);
        ExecutorService executor = Executors.newFixedThreadPool(2, daemonThreads());
        server.createContext("/", router);
        server.setExecutor(executor);
        server.start();
        OpsServer ops = new OpsServer(server, executor);
        LOG.info("serving http://{}:{}/metrics, /health/live, /health/ready and /conflicts", config.bind(), ops.port());
        return ops;
    }

    private static HttpServer bind(HttpConfig config) {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.bind());
        } catch (UnknownHostException e) {
            throw new IllegalStateException("http.bind=" + config.bind() + ": unknown host; give an address of "
                    + "this machine (127.0.0.1, 0.0.0.0) or a name that resolves to one", e);
        }
        try {
            return HttpServer.create(new InetSocketAddress(address, config.port()), 0);
        } catch (BindException e) {
            throw new IllegalStateException("http.port=" + config.port() + ": cannot listen on " + config.bind() + ":"
                    + config.port() + " (" + e.getMessage() + "); choose a free port (0 picks one), or set "
                    + "http.enabled: false", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the HTTP server on " + config.bind() + ":" + config.port()
                    + ": " + e, e);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The bound port (the chosen one when {@code http.port} is 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
