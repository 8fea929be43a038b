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

    public static CaptureConfig defaults() {
        return new CaptureConfig(50, 8192, 32768, 1000);
    }
}
