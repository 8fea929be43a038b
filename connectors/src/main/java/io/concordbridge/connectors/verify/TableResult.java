package io.concordbridge.connectors.verify;

import io.concordbridge.core.model.TableId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The comparison of one table across the leaders.
 *
 * @param table            the table
 * @param rows             rows read per leader that could be read, in leader order
 * @param differingKeys    how many keys are missing on a leader or have differing values
 * @param firstDifferences the first differing keys in key order, at most the configured number
 * @param errors           per leader that could not be (fully) compared: why
 * @param problem          why the table was not compared at all (definitions differ, no primary key), or null
 */
public record TableResult(TableId table, Map<String, Long> rows, long differingKeys,
                          List<KeyDifference> firstDifferences, Map<String, String> errors, String problem) {

    public TableResult {
        rows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rows));
        firstDifferences = List.copyOf(firstDifferences);
        errors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    }

    static TableResult notCompared(TableId table, Map<String, String> errors, String problem) {
        return new TableResult(table, Map.of(), 0, List.of(), errors, problem);
    }

    public boolean identical() {
        return problem == null && errors.isEmpty() && differingKeys == 0;
    }

    /**
     * One line: {@code shop.items: identical on dc1, dc2, dc3 (1200 rows)} or
     * {@code shop.orders: 3 keys differ — id=7 (dc2 missing), id=9 (dc1 ≠ dc3 in qty) [rows: dc1 1200, dc2 1199]}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (problem != null) {
            parts.add("not compared — " + problem);
        } else if (differingKeys == 0 && rows.size() > 1) {
            parts.add("identical on " + String.join(", ", rows.keySet()) + " (" + rows.values().iterator().next()
                    + " rows)");
        } else if (differingKeys > 0) {
            String listed = firstDifferences.stream().map(KeyDifference::describe).collect(Collectors.joining(", "));
            long more = differingKeys - firstDifferences.size();
            parts.add(differingKeys + (differingKeys == 1 ? " key differs" : " keys differ")
                    + (listed.isEmpty() ? "" : " — " + listed) + (more > 0 ? " and " + more + " more" : "")
                    + " [rows: " + rows.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")) + "]");
        } else if (!rows.isEmpty()) {
            parts.add("only " + String.join(", ", rows.keySet()) + " could be read");
        }
        errors.forEach((leader, error) -> parts.add(leader + ": " + error));
        return table + ": " + String.join("; ", parts);
    }
}
