package io.concordbridge.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.concordbridge.ops.demo.Demo;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ./bridge demo}: replicates, takes a leader offline and back, verifies, and removes what it started. */
class DemoIT {

    @TempDir
    Path tmp;

    @Test
    void demoEndsIdenticalAndLeavesNothingRunning() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        Path dir = tmp.resolve("demo");
        Demo demo = new Demo(dir, out);
        List<Integer> ports = new ArrayList<>();
        boolean identical;
        try {
            identical = demo.run();
            demo.cluster().leaders().values().forEach(db -> ports.add(db.port()));
        } finally {
            demo.shutdown(false);
        }
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertThat(identical).as(text).isTrue();
        assertThat(text).contains("Taking dc3 offline").contains("dc3  DOWN").contains("All leaders are identical").contains("wins, last-writer-wins");
        assertThat(ports).hasSize(3);
        for (int port : ports) {
            assertThat(accepts(port)).as("leader on port %d stopped", port).isFalse();
        }
        assertThat(Files.exists(dir)).as("demo folder removed").isFalse();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
