package io.concordbridge.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a resolution leaves in the table: one sibling's version, a row of the caller's, or no row. */
public sealed interface Choice {

    /** The newest version that {@code leader} wrote (a delete if that version was one). */
    static Choice take(String leader) {
        return new Take(leader);
    }

    /** A row given by the caller (for example a merge of the siblings); it must have the conflict's key. */
    static Choice row(Map<String, Object> row) {
        return new Row(row);
    }

    /** The row deleted. */
    static Choice delete() {
        return new Delete();
    }

    /** How the resolution records the choice: {@code take:dc2}, {@code row}, {@code delete}. */
    String describe();

    record Take(String leader) implements Choice {
        public Take {
            Objects.requireNonNull(leader, "leader");
        }

        @Override
        public String describe() {
            return "take:" + leader;
        }
    }

    record Row(Map<String, Object> row) implements Choice {
        public Row {
            Map<String, Object> copy = new LinkedHashMap<>();
            Objects.requireNonNull(row, "row").forEach((k, v) -> copy.put(k, ColumnValues.of(k, v)));
            row = Collections.unmodifiableMap(copy);
        }

        @Override
        public String describe() {
            return "row";
        }
    }

    record Delete() implements Choice {
        @Override
        public String describe() {
            return "delete";
        }
    }
}
