package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.HandlerVerdict.Kind;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@code decide} on its way through the pool: it loads the handler's current version, runs it
 * with a timer that answers FAILED and interrupts the run at the timeout, and completes
 * {@link #result()} exactly once (the first answer wins: the handler's, the timeout's, or the queue's
 * when no thread took the call in time). Thread-safe.
 */
final class HandlerCall implements Runnable {

    private final HandlerFile file;
    private final Conflict conflict;
    private final int timeoutMs;
    private final ScheduledExecutorService timer;
    private final CompletableFuture<HandlerVerdict> result = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private Thread runner;

    HandlerCall(HandlerFile file, Conflict conflict, int timeoutMs, ScheduledExecutorService timer) {
        this.file = file;
        this.conflict = conflict;
        this.timeoutMs = timeoutMs;
        this.timer = timer;
    }

    CompletableFuture<HandlerVerdict> result() {
        return result;
    }

    @Override
    public void run() {
        if (!started.compareAndSet(false, true)) {
            return; // answered while waiting in the queue
        }
        CompiledHandler handler;
        try {
            handler = file.current(false);
        } catch (RuntimeException e) {
            fail(file.name(), e.getMessage());
            return;
        }
        synchronized (this) {
            runner = Thread.currentThread();
        }
        ScheduledFuture<?> timeout = timer.schedule(() -> timeOut(handler), timeoutMs, TimeUnit.MILLISECONDS);
        try {
            result.complete(HandlerRun.run(handler, conflict));
        } finally {
            timeout.cancel(false);
            synchronized (this) {
                runner = null;
            }
            Thread.interrupted(); // an interrupt that came late must not reach the pool's next call
        }
    }

    /** Answers FAILED if no thread has taken the call yet. */
    void notTaken(String reason) {
        if (started.compareAndSet(false, true)) {
            fail(file.name(), reason);
        }
    }

    void fail(String handler, String reason) {
        result.complete(new HandlerVerdict(Kind.FAILED, null, reason, handler));
    }

    private void timeOut(CompiledHandler handler) {
        if (result.complete(HandlerRun.failed(handler, "timed out after " + timeoutMs + " ms"))) {
            synchronized (this) {
                if (runner != null) {
                    runner.interrupt();
                }
            }
        }
    }
}
