package io.concordbridge.core.config;

/**
 * Change-log reading tunables.
 *
 * @param pollIntervalMs      how often the capture polls for new events
 * @param maxBatchSize        most events handed over at once
 * @param maxQueueSize        events buffered between the log reader and the bridge
 * @param heartbeatIntervalMs how often an idle capture records its position
 */
public record CaptureConfig(int pollIntervalMs, int maxBatchSize, int maxQueueSize, int heartbeatIntervalMs) {

    /** The declared defaults of {@link ConfigKeys}. */
    public static CaptureConfig defaults() {
        return new CaptureConfig(ConfigKeys.POLL_INTERVAL_MS.defaultValue(), ConfigKeys.MAX_BATCH_SIZE.defaultValue(),
                ConfigKeys.MAX_QUEUE_SIZE.defaultValue(), ConfigKeys.HEARTBEAT_INTERVAL_MS.defaultValue());
    }
}
