package io.concordbridge.core.config;

import java.nio.file.Path;

/**
 * Where the Groovy conflict handlers live and how they run. Immutable.
 *
 * @param dir       the folder of handler files
 * @param timeoutMs longest one call may run
 * @param threads   calls that run at once
 */
public record HandlersConfig(Path dir, int timeoutMs, int threads) {

    /** The declared defaults of {@link ConfigKeys}. */
    public static HandlersConfig defaults() {
        return new HandlersConfig(ConfigKeys.HANDLERS_DIR.defaultValue(), ConfigKeys.HANDLERS_TIMEOUT_MS.defaultValue(),
                ConfigKeys.HANDLERS_THREADS.defaultValue());
    }
}
