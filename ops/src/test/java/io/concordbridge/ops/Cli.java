package io.concordbridge.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code ./bridge ARGS} in the test's JVM. */
final class Cli {

    private Cli() {
    }

    /** Runs the command line, checks its exit code and returns what it printed on standard output. */
    static String run(int exit, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream was = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setOut(was);
        }
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed).isEqualTo(exit);
        return printed;
    }
}
