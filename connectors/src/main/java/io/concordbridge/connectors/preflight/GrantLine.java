package io.concordbridge.connectors.preflight;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Parses one {@code SHOW GRANTS} line: {@code GRANT privs ON scope TO account [...]}. Identifiers
 * may be backquoted with doubled backquotes inside; a privilege with a column list is a column
 * grant and is dropped. Role grants ({@code GRANT `role` TO ...}), {@code PROXY} and routine
 * grants yield null. Stateless.
 */
final class GrantLine {

    private final String s;
    private int i;

    private GrantLine(String s) {
        this.s = s;
    }

    /** The grant of {@code line}, or null when it grants nothing on tables or the server. */
    static Grants.Grant parse(String line) {
        if (line == null || !line.regionMatches(true, 0, "GRANT ", 0, 6)) {
            return null;
        }
        return new GrantLine(line.strip()).grant();
    }

    private Grants.Grant grant() {
        i = 6;
        Set<String> privileges = privileges();
        if (privileges == null || privileges.isEmpty() || privileges.contains("PROXY")) {
            return null;
        }
        skipSpaces();
        for (String routine : new String[]{"PROCEDURE ", "FUNCTION ", "PACKAGE "}) {
            if (s.regionMatches(true, i, routine, 0, routine.length())) {
                return null;
            }
        }
        String first = identifier();
        if (first == null) {
            return null;
        }
        if (i < s.length() && s.charAt(i) == '.') {
            i++;
            String second = identifier();
            if (second == null) {
                return null;
            }
            return new Grants.Grant(privileges, first.equals("*") ? null : first, second.equals("*") ? null : second);
        }
        return null; // "ON *" or "ON tbl": relative to a current database that SHOW GRANTS never prints
    }

    /** The privileges up to " ON ", or null when the line has no ON (a role grant). */
    private Set<String> privileges() {
        Set<String> out = new LinkedHashSet<>();
        StringBuilder cur = new StringBuilder();
        boolean column = false;
        int depth = 0;
        boolean quoted = false;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
                column = true;
                continue;
            } else if (!quoted && c == ')') {
                depth--;
                continue;
            }
            if (depth > 0) {
                continue;
            }
            if (!quoted && c == ',') {
                add(out, cur, column);
                cur.setLength(0);
                column = false;
            } else if (!quoted && s.regionMatches(true, i, " ON ", 0, 4)) {
                add(out, cur, column);
                i += 4;
                return out;
            } else {
                cur.append(c);
            }
        }
        return null;
    }

    private static void add(Set<String> out, StringBuilder privilege, boolean column) {
        String p = privilege.toString().strip();
        if (!column && !p.isEmpty() && !p.startsWith("`")) {
            out.add(Grants.normalise(p));
        }
    }

    private String identifier() {
        if (i >= s.length()) {
            return null;
        }
        if (s.charAt(i) == '*') {
            i++;
            return "*";
        }
        if (s.charAt(i) == '`') {
            StringBuilder b = new StringBuilder();
            for (i++; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '`') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '`') {
                        b.append('`');
                        i++;
                    } else {
                        i++;
                        return b.toString();
                    }
                } else {
                    b.append(c);
                }
            }
            return null;
        }
        int start = i;
        while (i < s.length() && s.charAt(i) != '.' && s.charAt(i) != ' ') {
            i++;
        }
        return i > start ? s.substring(start, i) : null;
    }

    private void skipSpaces() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
    }
}
