package io.concordbridge.client;

import io.concordbridge.core.model.Stamp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One conflicting version of a row, kept for read-time resolution. Immutable.
 *
 * @param leader the leader that wrote it; null for a row that predates the bridge
 * @param stamp  its version stamp; null when unknown
 * @param row    the row's columns, or null when this version deleted the row
 */
public record Sibling(String leader, Stamp stamp, Map<String, Object> row) {

    public Sibling {
        row = row == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(row));
    }

    public boolean deleted() {
        return row == null;
    }
}
