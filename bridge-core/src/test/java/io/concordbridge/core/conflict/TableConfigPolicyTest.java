package io.concordbridge.core.conflict;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigException;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.core.config.TableConfig;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The {@code tables[]} keys that set detection and resolution, read by ConfigLoader into {@link TablePolicy}. */
class TableConfigPolicyTest {

    private static final String HEAD = """
            cluster: shop
            leaders:
              dc1: { host: h1, user: u }
              dc2: { host: h2, user: u }
              dc3: { host: h3, user: u }
            tables:
              - shop.items
            """;

    @Test
    void aPlainNameDetectsByRowAndResolvesByLastWriter() {
        TableConfig t = tables("").get(0);

        assertThat(t.policy()).isEqualTo(TablePolicy.defaults(new TableId("shop", "items")));
        assertThat(t.id()).isEqualTo(new TableId("shop", "items"));
        assertThat(t.handler()).isNull();
    }

    @Test
    void everySettingReachesThePolicy() {
        List<TableConfig> t = tables("""
                  - name: shop.orders
                    detect: columns
                    resolve: leader-priority
                    priority: [dc2, dc1]
                    counters: [quantity, total]
                  - name: shop.stock
                    detect: version-column
                    version-column: updated_at
                    resolve: handler
                    handler: orders.groovy
                    fallback: last-writer-wins
                """);

        assertThat(t.get(1).policy()).isEqualTo(new TablePolicy(new TableId("shop", "orders"), DetectMode.COLUMNS, null,
                ResolveMode.LEADER_PRIORITY, List.of("dc2", "dc1"), Set.of("quantity", "total")));
        assertThat(t.get(1).counters()).containsExactly("quantity", "total");
        TableConfig stock = t.get(2);
        assertThat(stock.policy().detect()).isEqualTo(DetectMode.VERSION_COLUMN);
        assertThat(stock.policy().versionColumn()).isEqualTo("updated_at");
        assertThat(stock.policy().resolve()).isEqualTo(ResolveMode.HANDLER);
        assertThat(stock.handler()).isEqualTo("orders.groovy");
        assertThat(stock.fallback()).isEqualTo(ResolveMode.LAST_WRITER_WINS);
        assertThat(stock.priority()).as("the handler's designated leader follows the leaders' order")
                .containsExactly("dc1", "dc2", "dc3");
    }

    @Test
    void leaderPriorityWithoutAListUsesTheLeadersOrder() {
        TableConfig t = tables("  - { name: shop.orders, resolve: leader-priority }\n").get(1);

        assertThat(t.policy().priority()).containsExactly("dc1", "dc2", "dc3");
        assertThat(t.policy().window()).as("a day per place by default").isEqualTo(java.time.Duration.ofDays(1));
        assertThat(tables("  - { name: shop.orders, resolve: leader-priority, priority-window-seconds: 90 }\n")
                .get(1).policy().window()).isEqualTo(java.time.Duration.ofSeconds(90));
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("{ name: shop.o, detect: rows }",
                        "tables[1].detect=rows: must be one of row, columns, version-column"),
                arguments("{ name: shop.o, resolve: lww }", "tables[1].resolve=lww: must be one of last-writer-wins, "
                        + "leader-priority, column-merge, manual, handler"),
                arguments("{ name: shop.o, detect: version-column }",
                        "tables[1].version-column: is required with detect: version-column"),
                arguments("{ name: shop.o, detect: version-column, version-column: ~ }",
                        "tables[1].version-column: is required with detect: version-column"),
                arguments("{ name: shop.o, resolve: handler, handler: ~ }",
                        "tables[1].handler: is required with resolve: handler"),
                arguments("{ name: shop.o, version-column: v }",
                        "tables[1].version-column=v: is only used with detect: version-column (this table detects by row)"),
                arguments("{ name: shop.o, detect: version-column, version-column: ' ' }",
                        "tables[1].version-column= : must not be blank"),
                arguments("{ name: shop.o, priority: [dc1] }", "tables[1].priority: is only used with resolve: "
                        + "leader-priority or handler (this table resolves by last-writer-wins)"),
                arguments("{ name: shop.o, resolve: leader-priority, priority: [dc1, dc9, dc1] }",
                        "tables[1].priority: names dc1 twice\n"
                                + "tables[1].priority: names dc9, which is not a configured leader; leaders: dc1, dc2, dc3"),
                arguments("{ name: shop.o, resolve: leader-priority, priority: [] }",
                        "tables[1].priority: must name at least one leader; leave it out for the order of leaders"),
                arguments("{ name: shop.o, resolve: leader-priority, priority: dc1 }",
                        "tables[1].priority=dc1: must be a list, such as [a, b]"),
                arguments("{ name: shop.o, priority-window-seconds: 60 }", "tables[1].priority-window-seconds=60: is "
                        + "only used with resolve: leader-priority (this table resolves by last-writer-wins)"),
                arguments("{ name: shop.o, resolve: leader-priority, priority-window-seconds: 0 }",
                        "tables[1].priority-window-seconds=0: must be a positive integer"),
                arguments("{ name: shop.o, counters: [qty, [a]] }",
                        "tables[1].counters: must be a list of names, each a single, non-blank value"),
                arguments("{ name: shop.o, counters: [qty, qty] }", "tables[1].counters: names qty twice"),
                arguments("{ name: shop.o, detect: version-column, version-column: v, counters: [v] }",
                        "tables[1].counters: names v, the version-column; a version cannot be merged by adding"),
                arguments("{ name: shop.o, resolve: handler }", "tables[1].handler: is required with resolve: handler"),
                arguments("{ name: shop.o, handler: x.groovy }",
                        "tables[1].handler=x.groovy: is only used with resolve: handler"),
                arguments("{ name: shop.o, fallback: manual }", "tables[1].fallback=manual: is only used with resolve: handler"),
                arguments("{ name: shop.o, resolve: handler, handler: x.groovy, fallback: column-merge }",
                        "tables[1].fallback=column-merge: must be manual or last-writer-wins"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("rules")
    void eachRuleNamesTheKeyTheValueAndTheReason(String entry, String expected) {
        assertThat(problems("  - " + entry + "\n")).containsExactly(expected.split("\n"));
    }

    @Test
    void everyProblemOfEveryTableIsReportedTogether() {
        assertThat(problems("""
                  - { name: shop.a, detect: version-column, resolve: handler }
                  - { name: shop.b, resolve: leader-priority, priority: [eu-west] }
                  - { name: shop.c, counters: [n, n], fallback: manual }
                """)).containsExactly(
                "tables[1].version-column: is required with detect: version-column",
                "tables[1].handler: is required with resolve: handler",
                "tables[2].priority: names eu-west, which is not a configured leader; leaders: dc1, dc2, dc3",
                "tables[3].counters: names n twice",
                "tables[3].fallback=manual: is only used with resolve: handler");
    }

    private static List<TableConfig> tables(String entries) {
        BridgeConfig c = ConfigLoader.parse("test.yaml", HEAD + entries, Map.of());
        return c.tables();
    }

    private static List<String> problems(String entries) {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("test.yaml", HEAD + entries, Map.of()));
        assertThat(e).as("the config is rejected").isNotNull();
        return e.problems();
    }

    @Test
    void precedenceRaisesAVersionByAWindowPerPlaceAndAboveTheVersionItWasWrittenOn() {
        TablePolicy p = TablePolicy.defaults(new TableId("shop", "items")).withResolve(ResolveMode.LEADER_PRIORITY)
                .withPriority(List.of("dc1", "dc2")).withWindow(java.time.Duration.ofSeconds(2));
        assertThat(p.precedence("dc1", 100, null)).isEqualTo(100 + 4_000_000);
        assertThat(p.precedence("dc2", 100, null)).isEqualTo(100 + 2_000_000);
        assertThat(p.precedence("dc3", 100, null)).as("unlisted: the last place").isEqualTo(100);
        Stamp byDc1 = new Stamp(100, "dc1", p.precedence("dc1", 100, null));
        assertThat(p.precedence("dc3", 200, byDc1)).as("carries the rank it was written on").isEqualTo(100 + 4_000_001);
        assertThat(p.precedence("dc2", 200, byDc1)).as("and keeps its own among writes on the same version")
                .isEqualTo(100 + 4_000_002);
        assertThat(p.precedence("dc3", 9_000_000, byDc1)).as("beyond the window its own is higher").isEqualTo(9_000_000);
        assertThat(TablePolicy.defaults(new TableId("shop", "items")).precedence("dc1", 100, byDc1))
                .as("other resolve modes: the micros").isEqualTo(100);
    }
}
