package io.concordbridge.core.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps one leader's capture running: starts it, and after a failure (the leader is down, the
 * connection dropped) starts a fresh one with backoff, so it catches up from the transport's
 * head when the leader is back. Thread-safe.
 */
public final class CaptureSupervisor implements CaptureEvents, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureSupervisor.class);

    private final String leader;
    private final Supplier<CaptureSource> sources;
    private final CaptureSink sink;
    private final PipelineStats stats;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch firstStreaming = new CountDownLatch(1);
    private CaptureSource current;
    private boolean closed;
    private boolean reportedDown;

    public CaptureSupervisor(String leader, Supplier<CaptureSource> sources, CaptureSink sink, PipelineStats stats,
                             long retryMaxMs) {
        this.leader = leader;
        this.sources = sources;
        this.sink = sink;
        this.stats = stats;
        this.backoff = new Backoff(500, Math.max(500, retryMaxMs));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capture-supervisor-" + leader);
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        if (closed) {
            return;
        }
        stats.captureState(leader, LeaderState.STARTING, null);
        try {
            current = sources.get();
            current.start(sink, this);
        } catch (RuntimeException e) {
            failed(leader, e);
        }
    }

    /** Waits until the capture has streamed at least once. */
    public boolean awaitStreaming(long timeout, TimeUnit unit) throws InterruptedException {
        return firstStreaming.await(timeout, unit);
    }

    @Override
    public synchronized void streaming(String l) {
        stats.captureState(leader, LeaderState.RUNNING, null);
        backoff.reset();
        if (reportedDown) {
            LOG.info("capture of {} streaming again", leader);
            reportedDown = false;
        } else {
            LOG.info("capture of {} streaming", leader);
        }
        firstStreaming.countDown();
    }

    @Override
    public void failed(String l, Throwable cause) {
        long delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
            if (causedByTransport(cause)) {
                stats.transportError(leader);
            }
            stats.captureState(leader, LeaderState.DOWN, message);
            if (!reportedDown) {
                LOG.warn("capture of {} stopped, retrying with backoff: {}", leader, message);
                reportedDown = true;
            } else {
                LOG.debug("capture of {} still down: {}", leader, message);
            }
            delay = backoff.next();
        }
        try {
            scheduler.execute(this::closeCurrent);
            scheduler.schedule(this::start, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("capture of {} failed while the bridge stops; not restarted", leader);
        }
    }

    static boolean causedByTransport(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof io.concordbridge.core.transport.TransportUnavailableException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void echoesDropped(String l, long changes) {
        stats.echoesDropped(leader, changes);
    }

    @Override
    public void position(String l, String position, long commitMillis) {
        stats.capturePosition(leader, position, commitMillis);
    }

    private void closeCurrent() {
        CaptureSource c;
        synchronized (this) {
            c = current;
            current = null;
        }
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the failed capture of {}: {}", leader, e.toString());
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        scheduler.shutdownNow();
        closeCurrent();
        stats.captureState(leader, LeaderState.STOPPED, null);
    }
}
