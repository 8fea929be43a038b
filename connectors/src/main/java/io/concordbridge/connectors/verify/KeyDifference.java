package io.concordbridge.connectors.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One primary key whose rows are not the same on every leader.
 *
 * @param key       the key, described for people ({@code id=7}, {@code a=1, b=x})
 * @param missingOn leaders that have no row with this key
 * @param groups    the leaders that have the row, grouped by equal row values (one group: all agree)
 * @param columns   the columns whose values differ among the leaders that have the row
 */
public record KeyDifference(String key, List<String> missingOn, List<List<String>> groups, List<String> columns) {

    public KeyDifference {
        missingOn = List.copyOf(missingOn);
        groups = groups.stream().map(List::copyOf).toList();
        columns = List.copyOf(columns);
    }

    /** {@code id=7 (dc2 missing)}, {@code id=9 (dc1=dc2 ≠ dc3 in qty)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(key).append(" (");
        if (!missingOn.isEmpty()) {
            sb.append(String.join(", ", missingOn)).append(" missing");
        }
        if (groups.size() > 1) {
            sb.append(missingOn.isEmpty() ? "" : "; ")
                    .append(groups.stream().map(g -> String.join("=", g)).collect(Collectors.joining(" ≠ ")))
                    .append(" in ").append(String.join(", ", columns));
        }
        return sb.append(')').toString();
    }
}
