package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.core.model.TableId;

import java.util.List;
import java.util.stream.Collectors;

/** Quotes MariaDB identifiers with backticks, doubling any backtick inside. Stateless. */
public final class Identifiers {

    private Identifiers() {
    }

    public static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    public static String quote(TableId table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }
}
