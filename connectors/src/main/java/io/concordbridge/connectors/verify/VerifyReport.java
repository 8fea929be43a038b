package io.concordbridge.connectors.verify;

import java.util.List;
import java.util.stream.Collectors;

/** The comparison of every replicated table across the leaders, in the order the tables were given. */
public record VerifyReport(List<TableResult> tables) {

    public VerifyReport {
        tables = List.copyOf(tables);
    }

    /** True when every table was read on every leader and no key differs. */
    public boolean identical() {
        return tables.stream().allMatch(TableResult::identical);
    }

    /** One line per table, then a summary line. */
    public String describe() {
        long differing = tables.stream().filter(t -> !t.identical()).count();
        String summary = differing == 0
                ? "All " + tables.size() + " tables identical."
                : differing + " of " + tables.size() + " tables not identical.";
        return tables.stream().map(TableResult::describe).collect(Collectors.joining("\n", "", "\n")) + summary;
    }
}
