package io.concordbridge.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SectionsConfigTest {

    private static final String BASE = HttpConfigTest.BASE;

    @Test
    void withoutTheSectionsTheBridgeRunsInProcessWithDefaultHandlersAndNoNotifications() {
        BridgeConfig c = ConfigLoader.parse("t.yaml", BASE, Map.of());

        assertThat(c.transport().kind()).isEqualTo(TransportConfig.Kind.IN_PROCESS);
        assertThat(c.transport().topic("dc1")).isEqualTo("concord.shop.dc1");
        assertThat(c.handlers()).isEqualTo(new HandlersConfig(Path.of("./handlers"), 500, 2));
        assertThat(c.notifications().webhook()).isEmpty();
        assertThat(c.http().token().isEmpty()).isTrue();
    }

    @Test
    void kafkaTransportReadsItsServersPrefixAndTopicShape() {
        BridgeConfig c = ConfigLoader.parse("t.yaml", BASE + """
                transport: { kind: kafka, bootstrap-servers: "127.0.0.1:9092", topic-prefix: cb.shop, replication-factor: 3 }
                """, Map.of());

        assertThat(c.transport()).isEqualTo(new TransportConfig(TransportConfig.Kind.KAFKA, "127.0.0.1:9092",
                "cb.shop", 1, 3));
        assertThat(c.transport().topic("dc2")).isEqualTo("cb.shop.dc2");
    }

    @Test
    void kafkaWithoutServersAndOtherMistakesAreNamedTogether() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml", BASE + """
                transport: { kind: kafka }
                handlers: { timeout-ms: 0 }
                notify: { webhook-url: "ftp://x" }
                """, Map.of()));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "transport.bootstrap-servers: is required with transport.kind: kafka",
                "handlers.timeout-ms=0: must be a positive integer",
                "notify.webhook-url=ftp://x: must be an http:// or https:// URL");
    }

    @Test
    void moreThanOnePartitionIsRefusedWithTheReason() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml", BASE
                + "transport: { kind: kafka, bootstrap-servers: \"k:9092\", partitions: 3 }\n", Map.of()));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("transport.partitions=3: must be 1: each leader's topic has exactly one partition")
                .contains("commit order", "stays whole");
    }

    @Test
    void anUnknownTransportKindListsTheKnownOnes() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml",
                BASE + "transport: { kind: rabbit }\n", Map.of()));

        assertThat(e.problems()).containsExactly("transport.kind=rabbit: must be in-process or kafka");
    }

    @Test
    void theAdminTokenComesFromTheEnvironmentAndIsNeverPrinted() {
        BridgeConfig c = ConfigLoader.parse("t.yaml", BASE + "http: { token: \"${TOK}\" }\n", Map.of("TOK", "s3cret"));

        assertThat(c.http().token().reveal()).isEqualTo("s3cret");
        assertThat(c.http().toString()).doesNotContain("s3cret");
    }
}
