package io.concordbridge.connectors.preflight;

import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.model.TableId;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the preflight read from one reachable leader; judged by the checks without a connection.
 * Immutable.
 *
 * @param leader    the leader
 * @param variables global server variables, by lower-case name
 * @param account   the account the server matched the login to ({@code 'bridge'@'%'})
 * @param grants    the lines of {@code SHOW GRANTS}
 * @param tables    the replicated tables that exist, by their configured id
 */
record LeaderFacts(LeaderConfig leader, Map<String, String> variables, String account, List<String> grants,
                   Map<TableId, TableFacts> tables) {

    /**
     * A table as the server describes it.
     *
     * @param type          {@code BASE TABLE}, {@code VIEW}, ...
     * @param engine        its storage engine; null for a view
     * @param hasPrimaryKey whether it has a PRIMARY KEY
     */
    record TableFacts(String type, String engine, boolean hasPrimaryKey) {
    }

    LeaderFacts {
        variables = Map.copyOf(variables);
        grants = List.copyOf(grants);
        tables = Map.copyOf(tables);
    }

    String name() {
        return leader.name();
    }

    Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name.toLowerCase(Locale.ROOT)));
    }

    /** True when the server compares table names without case ({@code lower_case_table_names} not 0). */
    boolean caseInsensitiveNames() {
        return !variable("lower_case_table_names").orElse("0").equals("0");
    }

    Grants parsedGrants() {
        return Grants.parse(grants, caseInsensitiveNames());
    }
}
