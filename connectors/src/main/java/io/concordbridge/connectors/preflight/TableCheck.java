package io.concordbridge.connectors.preflight;

import io.concordbridge.core.model.TableId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Judges the replicated tables on one leader: each exists, is a base table, has a PRIMARY KEY
 * (rows are identified by it) and uses a transactional engine (a change and its checkpoint commit
 * together, or neither). Stateless.
 */
final class TableCheck {

    static final Set<String> TRANSACTIONAL_ENGINES = Set.of("INNODB", "ROCKSDB");

    private TableCheck() {
    }

    static List<Finding> check(LeaderFacts f, Collection<TableId> tables) {
        List<Finding> out = new ArrayList<>();
        for (TableId t : tables) {
            LeaderFacts.TableFacts facts = f.tables().get(t);
            if (facts == null) {
                out.add(Finding.error(f.name(), "tables", "table " + t + " does not exist (or user "
                        + f.leader().user() + " may not see it): every leader needs every replicated table; "
                        + "create it on " + f.name() + " as on the other leaders"));
            } else if (!"BASE TABLE".equalsIgnoreCase(facts.type())) {
                out.add(Finding.error(f.name(), "tables", "table " + t + " is a " + facts.type()
                        + ", not a base table: the bridge replicates tables; replicate the tables under it"));
            } else {
                if (!facts.hasPrimaryKey()) {
                    out.add(Finding.error(f.name(), "tables", "table " + t + " has no PRIMARY KEY: the bridge "
                            + "identifies rows by their primary key; add one (ALTER TABLE " + quoted(t)
                            + " ADD PRIMARY KEY (...))"));
                }
                String engine = facts.engine() == null ? "" : facts.engine();
                if (!TRANSACTIONAL_ENGINES.contains(engine.toUpperCase(Locale.ROOT))) {
                    out.add(Finding.error(f.name(), "tables", "table " + t + " uses engine " + engine + ": the "
                            + "bridge commits each change with its checkpoint, which needs a transactional engine; "
                            + "ALTER TABLE " + quoted(t) + " ENGINE=InnoDB"));
                }
            }
        }
        return out;
    }

    private static String quoted(TableId t) {
        return PrivilegeCheck.quote(t.schema()) + "." + PrivilegeCheck.quote(t.table());
    }
}
