package io.concordbridge.ops.bench;

import io.concordbridge.ops.cli.BridgeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code bridge bench} with tiny numbers: the table has figures for the bridge in hub mode (W3, conflicts, too), in
 * sidecar mode and for native replication, the Kafka broker runs only for sidecar mode's runs, and every server the
 * bench started (the broker too) is gone afterwards, its folder too.
 */
class BenchCommandIT {

    @TempDir
    Path tmp;

    @Test
    void printsTheTableForHubSidecarAndNativeAndLeavesNoServerBehind() throws Exception {
        Path json = tmp.resolve("figures.json");
        Path dir = Files.createDirectories(tmp.resolve("servers"));
        StringWriter captured = new StringWriter();
        CommandLine cl = BridgeCommand.commandLine();
        cl.setOut(new PrintWriter(captured, true));
        int exit = cl.execute("bench", "--rows", "2000", "--warmup-rows", "200", "--warmup-rounds", "2", "--lag-seconds", "3",
                "--lag-rate", "100", "--dir", dir.toString(), "--json", json.toString());
        String out = captured.toString();
        System.out.println(out);

        assertThat(exit).as("exit code; output:%n%s", out).isZero();
        assertRate(out, "W1 2k single-row updates");
        assertRate(out, "W2 2k rows in 500-row txs");
        assertW3(out);
        assertLag(out, "lag p50 @100 w/s per leader");
        assertLag(out, "lag p99");
        assertLag(out, "lag max");
        assertCpu(out, "W1 CPU per row, all processes");
        assertCpu(out, "W2 CPU per row, all processes");
        assertThat(out).contains("MariaDB ").contains("apply.max-batch-changes=").contains("capture.poll-interval-ms=")
                .contains("sidecar: the bridge in sidecar mode").contains("transport.partitions=1")
                .containsPattern("hub W2 warm-up round 2 of 2: the JIT compiled for [0-9,]+ ms")
                .contains("then W2 2 times with as many (the JIT compiled for hub ")
                .as("the broker runs for sidecar mode's runs alone: W1 and 2 W2 rounds of warm-up, W1, W2, lag")
                .contains("The Kafka broker ran only for sidecar mode's 6 runs (started and stopped with each)");

        String figures = Files.readString(json);
        assertThat(figures).contains("\"w1\"").contains("\"rowsPerSecond\"").contains("\"p99Ms\"");
        for (String measurement : List.of("w1", "w2", "lag")) {
            assertThat(figures).as("JSON figures of %s", measurement)
                    .containsPattern("\"" + measurement + "\": \\{\"hub\": \\{.*\"sidecar\": \\{.*\"native\": \\{");
        }
        assertThat(figures).containsPattern("\"w3\": \\{\"hub\": \\{.*\"sidecar\": null, \"native\": null}");
        Matcher conflicts = Pattern.compile("\"conflicts\": (\\d+)").matcher(figures);
        assertThat(conflicts.find()).as("W3 conflicts in %s", figures).isTrue();
        assertThat(Long.parseLong(conflicts.group(1))).as("W3 conflicts: 3 leaders on 1,000 keys").isPositive();
        List<Integer> ports = ports(figures);
        assertThat(ports).as("a port per server: dc1..dc3, primary, replica, Kafka").hasSize(6);
        for (int port : ports) {
            assertThat(accepts(port)).as("a server still listens on 127.0.0.1:%d", port).isFalse();
        }
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(dir.toString())).toList())
                .as("processes with files under %s", dir).isEmpty();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.toList()).as("the bench's folder is removed").isEmpty();
        }
    }

    /** A table line: the label, then hub, sidecar and native figures with {@code unit}, then {@code ratios} ratios. */
    private static void assertFigures(String out, String label, String unit, int ratios) {
        String figure = "\\s+([\\d.,]+) " + unit;
        Matcher m = line(out, Pattern.quote(label) + figure.repeat(3) + "(?:\\s+([\\d.]+)x)".repeat(ratios));
        List<String> names = List.of("hub", "sidecar", "native", "hub/native", "sidecar/native");
        for (int i = 1; i <= 3 + ratios; i++) {
            assertThat(number(m.group(i))).as("%s %s", names.get(i - 1), label).isPositive();
        }
    }

    /** W3 on the hub alone: rows/s and conflicts/s, both positive; nothing for sidecar and native. */
    private static void assertW3(String out) {
        Matcher rows = line(out, Pattern.quote("W3 3x 666 updates of the same 1,000 keys") + "\\s+([\\d,]+) rows/s\\s+-\\s+-");
        assertThat(number(rows.group(1))).as("W3 rows/s").isPositive();
        Matcher conflicts = line(out, "W3 conflicts/s\\s+([\\d,]+)");
        assertThat(number(conflicts.group(1))).as("W3 conflicts/s").isPositive();
    }

    private static void assertRate(String out, String label) {
        assertFigures(out, label, "rows/s", 2);
    }

    private static void assertLag(String out, String label) {
        assertFigures(out, label, "ms", 0);
    }

    private static void assertCpu(String out, String label) {
        assertFigures(out, label, "us", 2);
    }

    private static Matcher line(String out, String regex) {
        Matcher m = Pattern.compile("(?m)^" + regex + "$").matcher(out);
        assertThat(m.find()).as("a table line matching %s in:%n%s", regex, out).isTrue();
        return m;
    }

    private static double number(String s) {
        return Double.parseDouble(s.replace(",", ""));
    }

    private static List<Integer> ports(String json) {
        Matcher m = Pattern.compile("\"ports\": \\[([\\d, ]*)]").matcher(json);
        assertThat(m.find()).as("ports in %s", json).isTrue();
        List<Integer> ports = new ArrayList<>();
        for (String p : m.group(1).split(",")) {
            ports.add(Integer.parseInt(p.trim()));
        }
        return ports;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
