package io.concordbridge.core.pipeline;

/** Exponential backoff between retries: doubles from a first delay up to a ceiling. Not thread-safe. */
final class Backoff {

    private final long firstMs;
    private final long maxMs;
    private long nextMs;

    Backoff(long firstMs, long maxMs) {
        this.firstMs = firstMs;
        this.maxMs = Math.max(firstMs, maxMs);
        this.nextMs = firstMs;
    }

    /** The delay to wait now; the next one doubles. */
    long next() {
        long d = nextMs;
        nextMs = Math.min(maxMs, nextMs * 2);
        return d;
    }

    void reset() {
        nextMs = firstMs;
    }
}
