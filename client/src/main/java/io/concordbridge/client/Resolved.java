package io.concordbridge.client;

import java.util.List;
import java.util.Map;

/**
 * What a resolution did on the leader it was written to. Immutable.
 *
 * @param table       {@code db.table}
 * @param rowKey      the key as text
 * @param conflictIds the conflicts it closed (the one asked for and any other open on the row)
 * @param row         the row it left; null when it deleted the row
 * @param rowWritten  false when the row already was the chosen one (only the conflicts were closed)
 */
public record Resolved(String table, String rowKey, List<String> conflictIds, Map<String, Object> row,
                       boolean rowWritten) {

    public Resolved {
        conflictIds = List.copyOf(conflictIds);
    }
}
