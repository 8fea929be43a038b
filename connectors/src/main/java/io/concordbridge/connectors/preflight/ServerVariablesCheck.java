package io.concordbridge.connectors.preflight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Judges a leader's binary log settings: {@code log_bin} ON, {@code binlog_format} ROW,
 * {@code binlog_row_image} FULL and a non-zero {@code server_id} are errors; {@code sync_binlog}
 * and {@code innodb_flush_log_at_trx_commit} other than 1 are warnings, since the bridge still
 * works, only a crash of the operating system can lose transactions. Stateless.
 */
final class ServerVariablesCheck {

    private static final String CRASH_RISK = "an operating-system crash can then drop committed transactions "
            + "from the binlog before the bridge sees them";

    private ServerVariablesCheck() {
    }

    static List<Finding> check(LeaderFacts f) {
        List<Finding> out = new ArrayList<>();
        String leader = f.name();
        String logBin = value(f, "log_bin");
        if (!logBin.equals("ON") && !logBin.equals("1")) {
            out.add(Finding.error(leader, "log_bin", "log_bin=" + logBin + ": the bridge reads the binary log; "
                    + "set log_bin (log-bin=mariadb-bin) in the server config and restart"));
        }
        required(out, f, "binlog_format", "ROW", "the bridge needs ROW");
        required(out, f, "binlog_row_image", "FULL",
                "the bridge needs FULL before and after images to detect conflicts");
        String serverId = value(f, "server_id");
        if (serverId.equals("0")) {
            out.add(Finding.error(leader, "server_id", "server_id=0: the bridge tells leaders apart by server id; "
                    + "set a unique non-zero server_id in the server config and restart"));
        }
        durable(out, f, "sync_binlog");
        durable(out, f, "innodb_flush_log_at_trx_commit");
        return out;
    }

    private static void required(List<Finding> out, LeaderFacts f, String variable, String wanted, String why) {
        String v = value(f, variable);
        if (!v.equalsIgnoreCase(wanted)) {
            out.add(Finding.error(f.name(), variable, variable + "=" + v + ": " + why + "; set " + variable + "="
                    + wanted + " in the server config and restart"));
        }
    }

    private static void durable(List<Finding> out, LeaderFacts f, String variable) {
        String v = value(f, variable);
        if (!v.equals("1")) {
            out.add(Finding.warning(f.name(), variable, variable + "=" + v + ": " + CRASH_RISK + "; set "
                    + variable + "=1 in the server config"));
        }
    }

    private static String value(LeaderFacts f, String variable) {
        return f.variable(variable).map(v -> v.toUpperCase(Locale.ROOT)).orElse("(not set)");
    }
}
