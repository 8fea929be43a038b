package io.concordbridge.core.conflict;

import java.util.Locale;

/**
 * Why applying a change at a leader is a conflict. The apply at leader M meets, for a change of
 * origin O, a local row that is not the version the change was based on.
 */
public enum ConflictType {
    /** An insert, and the key exists here: a row, or a tombstone newer than the insert. */
    INSERT_EXISTS,
    /** An update, and the row here is not its before image (or is newer than the update). */
    UPDATE_DIFFERING,
    /** An update, and the row is not here: deleted (a tombstone), or its insert has not arrived yet. */
    UPDATE_MISSING,
    /** A delete, and the row here is not its before image (or is newer than the delete). */
    DELETE_DIFFERING,
    /** A delete, and the row is not here and no tombstone says it was deleted. */
    DELETE_MISSING,
    /** The row cannot be written: another key holds the same value of a unique index. */
    UNIQUE_VIOLATION;

    /** The name stored in the meta schema and shown to users: {@code insert_exists}. */
    public String storageName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a {@link #storageName()}; throws {@link IllegalArgumentException} naming the text otherwise. */
    public static ConflictType fromStorage(String name) {
        for (ConflictType t : values()) {
            if (t.storageName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a conflict type");
    }
}
