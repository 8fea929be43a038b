package io.concordbridge.core.config;

/**
 * Apply tunables.
 *
 * @param maxBatchChanges most changes in one target transaction (whole origin transactions are never split)
 * @param retryMaxMs      longest wait between retries of a failed apply
 */
public record ApplyConfig(int maxBatchChanges, int retryMaxMs) {

    /** The declared defaults of {@link ConfigKeys}. */
    public static ApplyConfig defaults() {
        return new ApplyConfig(ConfigKeys.MAX_BATCH_CHANGES.defaultValue(), ConfigKeys.RETRY_MAX_MS.defaultValue());
    }
}
