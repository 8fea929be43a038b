package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.transport.TransportUnavailableException;

import java.util.List;
import java.util.Locale;

/**
 * Turns the error that stopped a capture into a {@link CaptureException} whose message names the
 * leader and what to fix. One table of known causes, matched against every message in the cause
 * chain, first match wins; the transport's own account of why it is unavailable is kept as it is;
 * anything else keeps Debezium's message. Stateless.
 */
final class CaptureFailures {

    private record Cause(String needle, String fix) {
    }

    private static final List<Cause> CAUSES = List.of(
            new Cause("row binlog_format", "the server's binlog_format is not ROW: set binlog_format=ROW "
                    + "(and binlog_row_image=FULL) in its configuration and restart it"),
            new Cause("binlog_row_image", "the server's binlog_row_image is not FULL: set binlog_row_image=FULL "
                    + "in its configuration and restart it"),
            new Cause("access denied", "the server refused the login: check leaders.%s.user and its password, and grant "
                    + "the user SELECT, RELOAD, SHOW DATABASES, REPLICATION SLAVE and REPLICATION CLIENT (BINLOG MONITOR)"),
            new Cause("binlog is not enabled", "the server does not write a binlog: set log_bin and restart it"),
            new Cause("log_bin", "the server does not write a binlog: set log_bin and restart it"),
            new Cause("same server_id", "another replica uses the capture's server id: give this leader's capture "
                    + "a different server id"),
            new Cause("same server_uuid", "another replica uses the capture's server id: give this leader's capture "
                    + "a different server id"),
            new Cause("no longer available on the server", "the binlog the capture must resume from was purged: "
                    + "keep binlogs longer (binlog_expire_logs_seconds) and re-seed this leader from another one"),
            new Cause("could not find first log file", "the binlog the capture must resume from was purged: "
                    + "keep binlogs longer (binlog_expire_logs_seconds) and re-seed this leader from another one"),
            new Cause("db history topic is missing", "the capture's schema history in its state directory is missing"),
            new Cause("communications link failure", "cannot reach the server: check leaders.%s.host and port "
                    + "and that it is running"),
            new Cause("connection refused", "cannot reach the server: check leaders.%s.host and port "
                    + "and that it is running"),
            new Cause("could not connect", "cannot reach the server: check leaders.%s.host and port "
                    + "and that it is running"));

    private CaptureFailures() {
    }

    static CaptureException describe(LeaderConfig leader, String engineMessage, Throwable error) {
        if (error instanceof CaptureException known) {
            return known;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CaptureException known) {
                return known;
            }
            if (t instanceof TransportUnavailableException transport) {
                return new CaptureException("capture of leader " + leader + " stopped: " + transport.getMessage(), error);
            }
        }
        String all = messages(engineMessage, error).toLowerCase(Locale.ROOT);
        for (Cause c : CAUSES) {
            if (all.contains(c.needle)) {
                return new CaptureException("capture of leader " + leader + " stopped: "
                        + String.format(c.fix, leader.name()) + " (" + rootMessage(engineMessage, error) + ")", error);
            }
        }
        return new CaptureException("capture of leader " + leader + " stopped: " + rootMessage(engineMessage, error)
                + "; fix the cause and restart the capture", error);
    }

    private static String messages(String engineMessage, Throwable error) {
        StringBuilder sb = new StringBuilder(engineMessage == null ? "" : engineMessage);
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            sb.append('\n').append(t.getMessage());
        }
        return sb.toString();
    }

    private static String rootMessage(String engineMessage, Throwable error) {
        String deepest = engineMessage;
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                deepest = t.getMessage();
            }
        }
        return deepest == null ? "no reason given" : deepest;
    }
}
