package io.concordbridge.handlers.api;

import io.concordbridge.core.conflict.HandlerVerdict.Kind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler script returns: one of the decisions its helpers build ({@code keepLocal()},
 * {@code takeRemote()}, {@code merge(row)}, {@code delete()}, {@code defer(reason)}). Immutable.
 */
public final class Answer {

    private final Kind kind;
    private final Map<String, Object> row;
    private final String reason;

    Answer(Kind kind, Map<String, ?> row, String reason) {
        this.kind = kind;
        this.row = row == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(row));
        this.reason = reason;
    }

    public Kind kind() {
        return kind;
    }

    /** The merged row as the script gave it (values not yet checked); null unless {@link Kind#MERGED}. */
    public Map<String, Object> row() {
        return row;
    }

    /** The reason given with {@code defer}; empty otherwise. */
    public String reason() {
        return reason;
    }

    @Override
    public String toString() {
        return kind + (reason.isEmpty() ? "" : " (" + reason + ")");
    }
}
