package io.concordbridge.ops.runtime;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.TransportConfig;
import io.concordbridge.ops.cli.CommandFailure;

import java.util.List;

/**
 * Which leaders one bridge process serves. Hub mode (in-process transport): all of them, and
 * {@code --leader} is refused. Sidecar mode (Kafka): exactly the one named by {@code --leader},
 * which is then required. Stateless.
 */
public final class ServedLeaders {

    private ServedLeaders() {
    }

    /** The served leaders, or a {@link CommandFailure} (exit 2) saying how to start this config. */
    public static List<String> of(BridgeConfig config, String leader) {
        List<String> all = List.copyOf(config.leaders().keySet());
        boolean kafka = config.transport().kind() == TransportConfig.Kind.KAFKA;
        if (leader == null) {
            if (kafka) {
                throw new CommandFailure("transport.kind is kafka (sidecar mode): start one bridge beside each leader "
                        + "with --leader NAME, NAME one of " + String.join(", ", all), 2);
            }
            return all;
        }
        if (!kafka) {
            throw new CommandFailure("--leader " + leader + " is for sidecar mode, which needs transport.kind: kafka; "
                    + "this config uses the in-process transport (hub mode), where one bridge serves every leader: "
                    + "drop --leader, or set transport: { kind: kafka, bootstrap-servers: HOST:PORT }", 2);
        }
        if (!all.contains(leader)) {
            throw new CommandFailure("--leader " + leader + ": no such leader in the config; the leaders are "
                    + String.join(", ", all), 2);
        }
        return List.of(leader);
    }
}
