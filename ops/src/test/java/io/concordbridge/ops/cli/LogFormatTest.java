package io.concordbridge.ops.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LogFormatTest {

    private final PrintStream err = System.err;

    @AfterEach
    void restore() {
        System.setErr(err);
        LogFormat.apply("text");
    }

    @Test
    void jsonLogsOneObjectPerLineWithTheMessageFormatted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
        LogFormat.apply("json");
        LoggerFactory.getLogger("io.concordbridge.test").info("apply to {} ready", "dc2");

        String line = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(line).startsWith("{").endsWith("}").contains("\"level\":\"INFO\"")
                .contains("\"formattedMessage\":\"apply to dc2 ready\"");
    }

    @Test
    void textIsTheDefaultAndAnUnknownFormatIsRefused() {
        assertThat(LogFormat.chosen("JSON")).isEqualTo("json");
        assertThat(LogFormat.chosen(null)).isIn("text", System.getenv(LogFormat.ENV));
        CommandFailure f = catchThrowableOfType(CommandFailure.class, () -> LogFormat.apply("xml"));
        assertThat(f.getMessage()).isEqualTo("--log-format xml: must be text or json");
        assertThat(f.exitCode()).isEqualTo(2);
    }
}
