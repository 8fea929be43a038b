package io.concordbridge.ops.runtime;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.ops.cli.CommandFailure;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServedLeadersTest {

    private static final String LEADERS = """
            cluster: shop
            leaders:
              dc1: { host: db1, user: bridge, password: x }
              dc2: { host: db2, user: bridge, password: x }
              dc3: { host: db3, user: bridge, password: x }
            tables: [ shop.orders ]
            """;
    private static final BridgeConfig HUB = ConfigLoader.parse("hub.yaml", LEADERS, Map.of());
    private static final BridgeConfig KAFKA = ConfigLoader.parse("kafka.yaml",
            LEADERS + "transport: { kind: kafka, bootstrap-servers: \"127.0.0.1:9092\" }\n", Map.of());

    @Test
    void hubModeServesEveryLeader() {
        assertThat(ServedLeaders.of(HUB, null)).containsExactly("dc1", "dc2", "dc3");
    }

    @Test
    void sidecarModeServesTheNamedLeaderOnly() {
        assertThat(ServedLeaders.of(KAFKA, "dc2")).containsExactly("dc2");
    }

    @Test
    void kafkaWithoutLeaderSaysHowToStartEachSidecar() {
        assertThatThrownBy(() -> ServedLeaders.of(KAFKA, null)).isInstanceOf(CommandFailure.class)
                .hasMessage("transport.kind is kafka (sidecar mode): start one bridge beside each leader with "
                        + "--leader NAME, NAME one of dc1, dc2, dc3");
    }

    @Test
    void aLeaderWithTheInProcessTransportIsRefused() {
        assertThatThrownBy(() -> ServedLeaders.of(HUB, "dc1")).hasMessageContaining("--leader dc1 is for sidecar mode")
                .hasMessageContaining("drop --leader, or set transport: { kind: kafka");
    }

    @Test
    void anUnknownLeaderListsTheKnownOnes() {
        assertThatThrownBy(() -> ServedLeaders.of(KAFKA, "dc9"))
                .hasMessage("--leader dc9: no such leader in the config; the leaders are dc1, dc2, dc3")
                .extracting(e -> ((CommandFailure) e).exitCode()).isEqualTo(2);
    }
}
