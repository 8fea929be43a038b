package io.concordbridge.ops.cli;

import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;

/**
 * Turns SIGTERM and SIGINT into a latch the main thread waits on, so a command can finish its
 * work in flight and exit 0 instead of being cut off by the JVM's default handler.
 */
final class StopSignal {

    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String received;

    StopSignal() {
        for (String name : new String[]{"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> {
                    received = "SIG" + s.getName();
                    stop.countDown();
                });
            } catch (IllegalArgumentException e) {
                // signal not available on this platform
            }
        }
    }

    void await() throws InterruptedException {
        stop.await();
    }

    String received() {
        return received;
    }
}
