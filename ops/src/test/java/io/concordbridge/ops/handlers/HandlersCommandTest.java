package io.concordbridge.ops.handlers;

import io.concordbridge.ops.cli.BridgeCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code bridge handlers test} and {@code bridge handlers bench} end to end, through the command line, no database. */
class HandlersCommandTest {

    private static final Path EXAMPLES = Path.of("..", "handlers", "examples");

    @TempDir
    Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int bridge(String... args) {
        CommandLine cl = BridgeCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void testPrintsTheMergedRowOfTheSampleConflict() {
        int code = bridge("handlers", "test", EXAMPLES.resolve("merge-quantities.groovy").toString(),
                "--conflict", EXAMPLES.resolve("sample-conflict.json").toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("handler: +merge-quantities\\.groovy@[0-9a-f]{8}")
                .contains("conflict: update_differing on shop.orders 7")
                .contains("decision: MERGED")
                .contains("row:      {\"id\":7,\"qty\":17,\"status\":\"paid\",\"price\":{\"$decimal\":\"9.99\"}}");
    }

    @Test
    void testOfADeferringHandlerPrintsTheReason() {
        int code = bridge("handlers", "test", EXAMPLES.resolve("shipped-wins.groovy").toString(),
                "--conflict", EXAMPLES.resolve("sample-conflict.json").toString());
        assertThat(code).isZero();
        assertThat(out.toString()).contains("decision: TAKE_REMOTE").doesNotContain("row:");
    }

    @Test
    void aHandlerThatDoesNotCompileExitsTwoWithFileLineAndColumn() throws Exception {
        Path bad = dir.resolve("bad.groovy");
        Files.writeString(bad, "keepLocal()\n'ls'.execute()\n");
        int code = bridge("handlers", "test", bad.toString(), "--conflict", EXAMPLES.resolve("sample-conflict.json").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("bad.groovy:2:1: String.execute(...) is not allowed in a handler: no processes");
    }

    @Test
    void aFailingCallExitsOneWithTheReason() throws Exception {
        Path loop = dir.resolve("loop.groovy");
        Files.writeString(loop, "while (true) { }\nkeepLocal()\n");
        int code = bridge("handlers", "test", loop.toString(), "--conflict", EXAMPLES.resolve("sample-conflict.json").toString(),
                "--timeout-ms", "200");
        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("decision: FAILED").contains("reason:   timed out after 200 ms");
    }

    @Test
    void aBadConflictFileNamesTheField() throws Exception {
        Path json = dir.resolve("c.json");
        Files.writeString(json, "{\"type\": \"update_differing\", \"table\": \"orders\"}");
        int code = bridge("handlers", "test", EXAMPLES.resolve("shipped-wins.groovy").toString(), "--conflict", json.toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("c.json: 'table': 'orders' is not of the form database.table");
    }

    @Test
    void benchPrintsTheHandlerBesideLastWriterWins() {
        int code = bridge("handlers", "bench", "--calls", "200");
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("p50").contains("p99").contains("calls/s")
                .containsPattern("groovy handler +[0-9.]+ [nµm]s +[0-9.]+ [nµm]s +[0-9,]+")
                .containsPattern("last-writer-wins \\(built in\\) +[0-9.]+ [nµm]s +[0-9.]+ [nµm]s +[0-9,]+");
    }
}
