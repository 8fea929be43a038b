package io.concordbridge.connectors.preflight;

import java.util.Objects;

/**
 * One result of a start-up check of a leader. The message is a whole sentence that can be printed
 * alone: it starts with the leader's name, names the setting and says how to fix it
 * ({@code dc2: binlog_format=STATEMENT: the bridge needs ROW; set binlog_format=ROW in the server
 * config and restart}). Never contains a password. Immutable.
 *
 * @param severity {@link Severity#ERROR} stops start-up; {@link Severity#WARNING} does not
 * @param leader   the leader's name in the config
 * @param key      what is wrong: a server variable ({@code binlog_format}), or {@code connection},
 *                 {@code login}, {@code privileges}, {@code tables}
 * @param message  the message
 */
public record Finding(Severity severity, String leader, String key, String message) {

    public enum Severity { ERROR, WARNING }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(leader, "leader");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    static Finding error(String leader, String key, String text) {
        return new Finding(Severity.ERROR, leader, key, leader + ": " + text);
    }

    static Finding warning(String leader, String key, String text) {
        return new Finding(Severity.WARNING, leader, key, leader + ": " + text);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return severity + " " + message;
    }
}
