package io.concordbridge.connectors.preflight;

import io.concordbridge.core.model.TableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Judges the configured user's privileges from {@code SHOW GRANTS}, as MariaDB 10.11 enforces
 * them: the binlog dump (what Debezium reads with) needs REPLICATION SLAVE; {@code SHOW MASTER
 * STATUS}, {@code SHOW BINARY LOGS} and {@code SHOW BINLOG EVENTS} need BINLOG MONITOR (the
 * 10.5+ name of REPLICATION CLIENT; SUPER and REPLICATION SLAVE ADMIN do not give it for
 * {@code SHOW BINLOG EVENTS}). The apply needs SELECT, INSERT, UPDATE and DELETE on every
 * replicated table, and the bridge creates and writes its meta schema. BINLOG ADMIN (or SUPER) is
 * optional: it lets the bridge keep the versions of local writes out of the binlog, and the text of its apply
 * statements (a warning without).
 * Stateless.
 */
final class PrivilegeCheck {

    static final List<String> TABLE_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
    static final List<String> META_PRIVILEGES = List.of("CREATE", "SELECT", "INSERT", "UPDATE", "DELETE");

    private PrivilegeCheck() {
    }

    static List<Finding> check(LeaderFacts f, Collection<TableId> tables, String metaSchema) {
        List<Finding> out = new ArrayList<>();
        Grants grants = f.parsedGrants();
        global(out, f, grants, "REPLICATION SLAVE", "REPLICATION SLAVE",
                "the bridge reads the binary log with it (binlog dump)");
        global(out, f, grants, "BINLOG MONITOR", "BINLOG MONITOR (REPLICATION CLIENT)",
                "the bridge needs it for SHOW MASTER STATUS, SHOW BINARY LOGS and SHOW BINLOG EVENTS");
        if (!grants.hasGlobal("BINLOG ADMIN") && !grants.hasGlobal("SUPER")) {
            out.add(Finding.warning(f.name(), "privileges", "user " + f.leader().user() + " lacks BINLOG ADMIN: the "
                    + "versions of this leader's own writes then go to its binlog too (sql_log_bin cannot be turned off "
                    + "for them), which costs the leader a binlog write and its capture the reading of one version per "
                    + "local row; and the text of every apply statement goes there beside its rows "
                    + "(binlog_annotate_row_events cannot be turned off for them); GRANT BINLOG ADMIN ON *.* TO "
                    + f.account()));
        }
        for (TableId t : tables) {
            Set<String> missing = grants.missingOnTable(TABLE_PRIVILEGES, t.schema(), t.table());
            if (!missing.isEmpty()) {
                out.add(lacks(f, String.join(", ", missing) + " on " + t,
                        "the bridge reads and writes replicated rows with them",
                        String.join(", ", TABLE_PRIVILEGES) + " ON " + quote(t.schema()) + "." + quote(t.table())));
            }
        }
        Set<String> missingMeta = grants.missingOnSchema(META_PRIVILEGES, metaSchema);
        if (!missingMeta.isEmpty()) {
            out.add(lacks(f, String.join(", ", missingMeta) + " on the meta schema " + metaSchema,
                    "the bridge creates it and keeps its checkpoints and conflicts there",
                    "ALL PRIVILEGES ON " + quote(metaSchema) + ".*"));
        }
        return out;
    }

    private static void global(List<Finding> out, LeaderFacts f, Grants grants, String privilege, String shown,
                               String why) {
        if (!grants.hasGlobal(privilege)) {
            out.add(lacks(f, shown, why, privilege + " ON *.*"));
        }
    }

    private static Finding lacks(LeaderFacts f, String what, String why, String grant) {
        return Finding.error(f.name(), "privileges", "user " + f.leader().user() + " lacks " + what + ": " + why
                + "; GRANT " + grant + " TO " + f.account());
    }

    /** {@code identifier} in backquotes, for a statement the user can paste. */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}
