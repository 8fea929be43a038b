package io.concordbridge.ops.conflicts;

import io.concordbridge.client.ConflictClient;
import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.LeaderConfig;

import java.util.List;

/** The conflict client of each configured leader, over connections opened from the config. Immutable. */
public final class LeaderConflicts {

    private final BridgeConfig config;

    public LeaderConflicts(BridgeConfig config) {
        this.config = config;
    }

    /** The leader asked for, or the first configured one when {@code name} is null or blank. */
    public ConflictClient of(String name) {
        String chosen = name == null || name.isBlank() ? config.leaders().keySet().iterator().next() : name;
        LeaderConfig leader = config.leaders().get(chosen);
        if (leader == null) {
            throw new IllegalArgumentException("no leader named '" + chosen + "'; leaders: " + leaders());
        }
        return ConflictClient.of(() -> MariaDbConnections.open(leader, MariaDbConnections.COMMON), config.metaSchema(),
                chosen);
    }

    public List<String> leaders() {
        return List.copyOf(config.leaders().keySet());
    }
}
