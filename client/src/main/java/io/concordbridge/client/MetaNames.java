package io.concordbridge.client;

import java.util.Objects;

/** Quoted names of the meta schema's tables. Immutable. */
record MetaNames(String schema) {

    MetaNames {
        Objects.requireNonNull(schema, "schema");
        if (!schema.matches("[a-zA-Z0-9_]{1,64}")) {
            throw new IllegalArgumentException("meta schema '" + schema + "' must be 1 to 64 letters, digits or '_'");
        }
    }

    String table(String name) {
        return "`" + schema + "`.`" + name + "`";
    }
}
