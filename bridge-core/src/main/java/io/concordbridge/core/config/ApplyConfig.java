package io.concordbridge.core.config;

/**
 * Apply tunables.
 *
 * @param maxBatchChanges most changes in one target transaction (whole origin transactions are never split)
 * @param retryMaxMs      longest wait between retries of a failed apply
 */
public record ApplyConfig(int maxBatchChanges, int retryMaxMs) {

    public static ApplyConfig defaults() {
        return new ApplyConfig(5000, 5000);
    }
}
