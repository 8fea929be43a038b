package io.concordbridge.ops.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Locale;

/**
 * How the bridge logs: {@code text} (a line per event, the default) or {@code json} (one JSON
 * object per line with level, logger, thread, the MDC and the message), chosen with
 * {@code --log-format} or the environment variable {@code BRIDGE_LOG_FORMAT}. Row values are never
 * logged at INFO in either.
 */
public final class LogFormat {

    public static final String ENV = "BRIDGE_LOG_FORMAT";

    private LogFormat() {
    }

    /** The format asked for: the option when given, else the environment variable, else text. */
    public static String chosen(String option) {
        String f = option != null ? option : System.getenv(ENV);
        return f == null || f.isBlank() ? "text" : f.strip().toLowerCase(Locale.ROOT);
    }

    /** Reconfigures logging for {@code format}; refuses an unknown one. */
    public static void apply(String format) {
        String resource = switch (format) {
            case "text" -> "/logback.xml";
            case "json" -> "/logback-json.xml";
            default -> throw new CommandFailure("--log-format " + format + ": must be text or json", 2);
        };
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        URL url = LogFormat.class.getResource(resource);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + resource + ": " + e.getMessage(), e);
        }
    }
}
