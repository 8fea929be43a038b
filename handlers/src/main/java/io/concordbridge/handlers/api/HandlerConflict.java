package io.concordbridge.handlers.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The conflict a handler decides, as its script sees it through {@code conflict} (and the shortcuts
 * {@code local}, {@code remote}, {@code base}). Immutable.
 *
 * <p>{@code type} is the conflict type's config name ({@code update_differing}, {@code insert_exists},
 * {@code update_missing}, {@code delete_differing}, {@code delete_missing}, {@code unique_violation});
 * {@code table} is {@code database.table}; {@code key} the primary key values in key order.
 */
public final class HandlerConflict {

    private final String type;
    private final String table;
    private final List<Object> key;
    private final Row base;
    private final Side local;
    private final Side remote;
    private final String unique;

    public HandlerConflict(String type, String table, List<Object> key, Row base, Side local, Side remote,
                           String unique) {
        this.type = type;
        this.table = table;
        this.key = Collections.unmodifiableList(new ArrayList<>(key));
        this.base = base;
        this.local = local;
        this.remote = remote;
        this.unique = unique;
    }

    public String getType() {
        return type;
    }

    public String getTable() {
        return table;
    }

    public List<Object> getKey() {
        return key;
    }

    /** The version the remote change was made from; null for an insert. */
    public Row getBase() {
        return base;
    }

    public Side getLocal() {
        return local;
    }

    public Side getRemote() {
        return remote;
    }

    /** The side with the later stamp. */
    public Side getLater() {
        return local.isLater() ? local : remote;
    }

    /** For {@code unique_violation}: the index and the key holding the value; null otherwise. */
    public String getUnique() {
        return unique;
    }

    @Override
    public String toString() {
        return type + " on " + table + " " + key;
    }
}
