package io.concordbridge.core.config;

/**
 * Apply tunables.
 *
 * @param maxBatchChanges most changes in one target transaction (whole origin transactions are never split)
 * @param retryMaxMs      longest wait between retries of a failed apply
 * @param tombstoneRetentionHours how long, past the oldest origin checkpoint, a deleted row's tombstone is kept
 */
public record ApplyConfig(int maxBatchChanges, int retryMaxMs, int tombstoneRetentionHours) {

    public ApplyConfig(int maxBatchChanges, int retryMaxMs) {
        this(maxBatchChanges, retryMaxMs, ConfigKeys.TOMBSTONE_RETENTION_HOURS.defaultValue());
    }

    /** The declared defaults of {@link ConfigKeys}. */
    public static ApplyConfig defaults() {
        return new ApplyConfig(ConfigKeys.MAX_BATCH_CHANGES.defaultValue(), ConfigKeys.RETRY_MAX_MS.defaultValue(),
                ConfigKeys.TOMBSTONE_RETENTION_HOURS.defaultValue());
    }
}
