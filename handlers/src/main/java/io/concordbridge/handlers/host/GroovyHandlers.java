package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictHandlers;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.config.HandlersConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Groovy handler host: handler files of {@link HandlersConfig#dir()}, compiled once in the sandbox
 * and cached (a new script instance per call), reloaded when they change, run on a pool of
 * {@link HandlersConfig#threads()} threads with {@link HandlersConfig#timeoutMs()} per call.
 *
 * <p>The pool's queue holds {@value #QUEUE} calls; a call beyond that, or one no thread takes within
 * {@value #QUEUE_WAIT_TIMEOUTS} timeouts, is answered FAILED "handler pool busy" at once: the caller never
 * blocks. Thread-safe.
 */
public final class GroovyHandlers implements ConflictHandlers {

    static final int QUEUE = 1024;
    static final int QUEUE_WAIT_TIMEOUTS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(GroovyHandlers.class);

    private final HandlersConfig config;
    private final Duration recheck;
    private final Map<String, HandlerFile> files = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor timer;
    private volatile boolean closed;

    /** Files are checked for changes at most once a second. */
    public GroovyHandlers(HandlersConfig config) {
        this(config, Duration.ofSeconds(1));
    }

    GroovyHandlers(HandlersConfig config, Duration recheck) {
        this.config = config;
        this.recheck = recheck;
        this.pool = new ThreadPoolExecutor(config.threads(), config.threads(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), threads("handler-"));
        this.timer = new ScheduledThreadPoolExecutor(1, threads("handler-timer-"));
        timer.setRemoveOnCancelPolicy(true);
        LOG.info("handler host for {}: {} threads, {} ms per call", config.dir(), config.threads(), config.timeoutMs());
    }

    @Override
    public void require(String handler) {
        try {
            file(handler).current(true);
        } catch (CompileError e) {
            throw new IllegalArgumentException("handler does not compile: " + e.getMessage(), e);
        }
    }

    @Override
    public CompletableFuture<HandlerVerdict> decide(String handler, Conflict conflict) {
        HandlerFile file;
        try {
            file = file(handler);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(new HandlerVerdict(HandlerVerdict.Kind.FAILED, null, e.getMessage(),
                    String.valueOf(handler)));
        }
        HandlerCall call = new HandlerCall(file, conflict, config.timeoutMs(), timer);
        if (closed) {
            call.fail(handler, "the handler host is closed");
            return call.result();
        }
        try {
            pool.execute(call);
            long waitMs = (long) config.timeoutMs() * QUEUE_WAIT_TIMEOUTS;
            timer.schedule(() -> call.notTaken("handler pool busy: no thread free for " + waitMs + " ms"), waitMs,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            call.fail(handler, closed ? "the handler host is closed" : "handler pool busy: " + QUEUE + " calls waiting");
        }
        return call.result();
    }

    @Override
    public void close() {
        closed = true;
        for (Runnable waiting : pool.shutdownNow()) {
            ((HandlerCall) waiting).notTaken("the handler host is closed");
        }
        timer.shutdownNow();
        LOG.info("handler host for {} closed", config.dir());
    }

    private HandlerFile file(String handler) {
        if (handler == null || handler.isBlank() || handler.contains("/") || handler.contains("\\") || handler.startsWith(".")) {
            throw new IllegalArgumentException("'" + handler + "' is not a handler file name (a file in " + config.dir() + ")");
        }
        return files.computeIfAbsent(handler, h -> new HandlerFile(h, config.dir().resolve(h), recheck));
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
