package io.concordbridge.core.conflict;

import java.util.concurrent.CompletableFuture;

/**
 * Runs users' conflict handlers (resolve: handler) off the apply thread: a bounded pool, a timeout
 * per call, a sandbox. The apply never waits on one except for a later change of the same key.
 * Implementations are thread-safe.
 */
public interface ConflictHandlers extends AutoCloseable {

    /**
     * Checks that {@code handler} (a file name in the handlers folder) is loaded and compiles;
     * throws {@link IllegalArgumentException} naming the file, line and column of the first error.
     */
    void require(String handler);

    /**
     * Runs {@code handler} on {@code conflict} in the background. The future always completes
     * normally: a throw, a timeout or a sandbox refusal becomes a {@link HandlerVerdict.Kind#FAILED}
     * verdict with the reason.
     */
    CompletableFuture<HandlerVerdict> decide(String handler, Conflict conflict);

    @Override
    void close();
}
