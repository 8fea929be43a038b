package io.concordbridge.connectors.preflight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The privileges of one account, parsed from the lines of {@code SHOW GRANTS} (which on MariaDB
 * include the grants of the active roles). Knows global ({@code *.*}), database ({@code `db`.*},
 * with {@code LIKE} wildcards) and table grants; column grants and routine grants never count, as
 * the bridge reads and writes whole rows. Aliases are normalised: {@code REPLICATION CLIENT} is
 * {@code BINLOG MONITOR} and {@code REPLICATION REPLICA} is {@code REPLICATION SLAVE} (MariaDB
 * 10.5+). Immutable.
 */
final class Grants {

    static final String ALL = "ALL PRIVILEGES";
    private static final Map<String, String> ALIASES = Map.of(
            "ALL", ALL,
            "REPLICATION CLIENT", "BINLOG MONITOR",
            "REPLICATION REPLICA", "REPLICATION SLAVE");

    /** One grant: privileges on a scope; a null schema means every schema, a null table every table. */
    record Grant(Set<String> privileges, String schema, String table) {
    }

    private final List<Grant> grants;
    private final boolean caseInsensitiveNames;

    private Grants(List<Grant> grants, boolean caseInsensitiveNames) {
        this.grants = List.copyOf(grants);
        this.caseInsensitiveNames = caseInsensitiveNames;
    }

    /** @param caseInsensitiveNames true when the server's {@code lower_case_table_names} is not 0 */
    static Grants parse(Collection<String> lines, boolean caseInsensitiveNames) {
        List<Grant> out = new ArrayList<>();
        for (String line : lines) {
            Grant g = GrantLine.parse(line);
            if (g != null) {
                out.add(g);
            }
        }
        return new Grants(out, caseInsensitiveNames);
    }

    List<Grant> all() {
        return grants;
    }

    /** Whether {@code privilege} is granted on every schema ({@code *.*}). */
    boolean hasGlobal(String privilege) {
        return grants.stream().anyMatch(g -> g.schema() == null && covers(g, privilege));
    }

    /** Whether {@code privilege} is granted on all of {@code schema} (global or database grant). */
    boolean hasOnSchema(String privilege, String schema) {
        return grants.stream().anyMatch(g -> g.table() == null && inSchema(g, schema) && covers(g, privilege));
    }

    /** Whether {@code privilege} is granted on table {@code schema.table} at any level. */
    boolean hasOnTable(String privilege, String schema, String table) {
        return hasOnSchema(privilege, schema) || grants.stream().anyMatch(g -> g.table() != null
                && same(g.schema(), schema) && same(g.table(), table) && covers(g, privilege));
    }

    /** The privileges of {@code required} not granted on {@code schema.table}, in their order. */
    Set<String> missingOnTable(Collection<String> required, String schema, String table) {
        Set<String> missing = new LinkedHashSet<>();
        for (String p : required) {
            if (!hasOnTable(p, schema, table)) {
                missing.add(p);
            }
        }
        return missing;
    }

    /** The privileges of {@code required} not granted on all of {@code schema}, in their order. */
    Set<String> missingOnSchema(Collection<String> required, String schema) {
        Set<String> missing = new LinkedHashSet<>();
        for (String p : required) {
            if (!hasOnSchema(p, schema)) {
                missing.add(p);
            }
        }
        return missing;
    }

    static String normalise(String privilege) {
        String p = privilege.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        return ALIASES.getOrDefault(p, p);
    }

    private static boolean covers(Grant g, String privilege) {
        return g.privileges().contains(ALL) || g.privileges().contains(normalise(privilege));
    }

    private boolean inSchema(Grant g, String schema) {
        return g.schema() == null || (g.table() == null ? like(g.schema(), schema) : same(g.schema(), schema));
    }

    private boolean same(String a, String b) {
        return caseInsensitiveNames ? a.equalsIgnoreCase(b) : a.equals(b);
    }

    /** SQL LIKE of a database grant: {@code %} any run, {@code _} one character, {@code \} escapes. */
    private boolean like(String pattern, String name) {
        String p = caseInsensitiveNames ? pattern.toLowerCase(Locale.ROOT) : pattern;
        String n = caseInsensitiveNames ? name.toLowerCase(Locale.ROOT) : name;
        return like(p, 0, n, 0);
    }

    private static boolean like(String p, int i, String n, int j) {
        if (i == p.length()) {
            return j == n.length();
        }
        char c = p.charAt(i);
        if (c == '%') {
            for (int k = j; k <= n.length(); k++) {
                if (like(p, i + 1, n, k)) {
                    return true;
                }
            }
            return false;
        }
        if (c == '\\' && i + 1 < p.length()) {
            return j < n.length() && n.charAt(j) == p.charAt(i + 1) && like(p, i + 2, n, j + 1);
        }
        return j < n.length() && (c == '_' || c == n.charAt(j)) && like(p, i + 1, n, j + 1);
    }
}
