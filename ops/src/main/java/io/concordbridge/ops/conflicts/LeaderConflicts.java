package io.concordbridge.ops.conflicts;

import io.concordbridge.client.ConflictClient;
import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.LeaderConfig;

import java.util.List;

/**
 * The conflict client of each leader this process may reach, over connections opened from the
 * config: every leader for the command line and hub mode, its own leader for a sidecar. Immutable.
 */
public final class LeaderConflicts {

    private final BridgeConfig config;
    private final List<String> reachable;

    public LeaderConflicts(BridgeConfig config) {
        this(config, List.copyOf(config.leaders().keySet()));
    }

    public LeaderConflicts(BridgeConfig config, List<String> reachable) {
        this.config = config;
        this.reachable = List.copyOf(reachable);
    }

    /** The leader asked for, or the first reachable one when {@code name} is null or blank. */
    public ConflictClient of(String name) {
        String chosen = name == null || name.isBlank() ? reachable.get(0) : name;
        LeaderConfig leader = config.leaders().get(chosen);
        if (leader == null) {
            throw new IllegalArgumentException("no leader named '" + chosen + "'; leaders: " + leaders());
        }
        if (!reachable.contains(chosen)) {
            throw new IllegalArgumentException("this bridge serves " + String.join(", ", reachable) + ", not "
                    + chosen + "; ask the bridge beside " + chosen);
        }
        return ConflictClient.of(() -> MariaDbConnections.open(leader, MariaDbConnections.COMMON), config.metaSchema(),
                chosen);
    }

    public List<String> leaders() {
        return reachable;
    }
}
