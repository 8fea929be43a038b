package io.concordbridge.core.pipeline;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;

import java.util.List;
import java.util.Optional;

/** Where a capture hands its transactions: stamps them and publishes them durably. */
public interface CaptureSink {

    /** The newest transaction already accepted from this leader: resume after it, never hand it over again. */
    Optional<LogHead> head();

    /**
     * Accepts transactions in origin order (changes not yet stamped) and returns once they are
     * durable; only then may the capture commit its own offsets. A transaction with no changes
     * is an anchor: it records a resume position only.
     */
    void accept(List<OriginTransaction> txs) throws InterruptedException;
}
