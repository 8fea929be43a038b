package io.concordbridge.ops.cli;

import io.concordbridge.ops.demo.Demo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code bridge demo}: runs the whole story on throwaway local leaders and removes everything it
 * started, also on Ctrl-C; {@code --keep} leaves it running until Ctrl-C.
 */
@Command(name = "demo", description = "Replication among three throwaway local MariaDB leaders, end to end.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--keep", description = "leave the leaders and the bridge running afterwards, until Ctrl-C")
    boolean keep;

    @Option(names = "--dir", paramLabel = "DIR", description = "where the leaders' files go (default: a new temp folder)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Path base = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("concord-demo");
        Demo demo = new Demo(base, System.out);
        StopSignal signal = new StopSignal();
        Thread worker = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            try {
                signal.await();
                System.out.println("\n" + signal.received() + ": stopping the bridge and the leaders");
                if (running.get()) {
                    worker.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "demo-signal");
        watcher.setDaemon(true);
        watcher.start();
        boolean identical = false;
        try {
            identical = demo.run();
            running.set(false);
            if (keep) {
                demo.printConnectionHelp();
                signal.await();
            }
        } catch (InterruptedException e) {
            Thread.interrupted();
            return 130;
        } finally {
            Thread.interrupted();
            demo.shutdown(false);
            System.out.println("Removed everything the demo started.");
        }
        return identical ? 0 : 1;
    }
}
