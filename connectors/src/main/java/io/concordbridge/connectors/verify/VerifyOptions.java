package io.concordbridge.connectors.verify;

import java.time.Duration;

/**
 * Verify tunables.
 *
 * @param fetchSize        {@link Integer#MIN_VALUE}: stream rows one by one over the text protocol
 *                         (nothing buffered on either side); a positive n: a server-side cursor
 *                         fetched n rows at a time (the server materializes the result first)
 * @param maxReportedKeys  how many differing keys each table lists
 * @param progressInterval least time between two progress lines
 */
public record VerifyOptions(int fetchSize, int maxReportedKeys, Duration progressInterval) {

    public VerifyOptions {
        if (fetchSize <= 0 && fetchSize != Integer.MIN_VALUE) {
            throw new IllegalArgumentException("fetchSize=" + fetchSize + ": must be positive or Integer.MIN_VALUE");
        }
        if (maxReportedKeys < 0) {
            throw new IllegalArgumentException("maxReportedKeys=" + maxReportedKeys + ": must be 0 or more");
        }
    }

    public static VerifyOptions defaults() {
        return new VerifyOptions(Integer.MIN_VALUE, 10, Duration.ofSeconds(2));
    }

    public VerifyOptions withFetchSize(int newFetchSize) {
        return new VerifyOptions(newFetchSize, maxReportedKeys, progressInterval);
    }

    boolean cursor() {
        return fetchSize > 0;
    }
}
