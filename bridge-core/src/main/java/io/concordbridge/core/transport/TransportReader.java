package io.concordbridge.core.transport;

import io.concordbridge.core.model.OriginTransaction;

import java.time.Duration;
import java.util.List;

/** Reads one origin's log in order. Used by one thread at a time. */
public interface TransportReader extends AutoCloseable {

    /**
     * Returns the next whole transactions in order, together holding at most {@code maxChanges}
     * changes unless the first alone holds more; waits up to {@code wait} for the first one and
     * returns an empty list when none came.
     */
    List<OriginTransaction> poll(int maxChanges, Duration wait) throws InterruptedException;

    @Override
    void close();
}
