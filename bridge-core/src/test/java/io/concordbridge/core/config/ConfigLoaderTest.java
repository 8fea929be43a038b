package io.concordbridge.core.config;

import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConfigLoaderTest {

    private static final String LEADERS = """
            leaders:
              dc1: { host: 127.0.0.1, port: 33061, user: root, password: "" }
              dc2: { host: 127.0.0.1, port: 33062, user: root }
            """;
    private static final String BASE = "cluster: shop\n" + LEADERS + "tables: [ shop.items, shop.orders ]\n";
    private static final String SECRET = "Tr0ub4dor-s3cret";
    private static final String TABLE_KEYS = "name, detect, version-column, resolve, priority, priority-window-seconds, counters, handler, fallback";

    @TempDir
    Path tmp;

    @Test
    void theContractExampleLoads() {
        BridgeConfig c = ConfigLoader.parse("bridge.yaml", ConfigReference.EXAMPLE, Map.of("DC2_PASSWORD", SECRET, "CONCORD_TOKEN", "t"));

        assertThat(c.cluster()).isEqualTo("shop");
        assertThat(c.leaders().keySet()).containsExactly("dc1", "dc2");
        LeaderConfig dc2 = c.leader("dc2").orElseThrow();
        assertThat(dc2.name()).isEqualTo("dc2");
        assertThat(dc2.host()).isEqualTo("127.0.0.1");
        assertThat(dc2.port()).isEqualTo(33062);
        assertThat(dc2.user()).isEqualTo("root");
        assertThat(dc2.password().reveal()).isEqualTo(SECRET);
        assertThat(c.leaders().get("dc1").password().reveal()).isEmpty();
        assertThat(c.tables()).extracting(TableConfig::id)
                .containsExactly(new TableId("shop", "items"), new TableId("shop", "orders"));
        assertThat(c.stateDir()).isEqualTo(Path.of("./state"));
        assertThat(c.metaSchema()).isEqualTo("concord");
        assertThat(c.capture()).isEqualTo(new CaptureConfig(50, 2048, 8192, 1000));
        assertThat(c.apply()).isEqualTo(new ApplyConfig(5000, 5000));
    }

    @Test
    void optionalKeysTakeTheirDefaults() {
        BridgeConfig c = load("""
                cluster: shop
                leaders:
                  dc1: { host: db1.example, user: bridge }
                  dc2: { host: db2.example, user: bridge }
                tables: [ shop.items ]
                """);

        assertThat(c.leaders().get("dc1").port()).isEqualTo(3306);
        assertThat(c.leaders().get("dc1").password().isEmpty()).isTrue();
        assertThat(c.stateDir()).isEqualTo(Path.of("./state"));
        assertThat(c.metaSchema()).isEqualTo("concord");
        assertThat(c.capture()).isEqualTo(new CaptureConfig(50, 2048, 8192, 1000)).isEqualTo(CaptureConfig.defaults());
        assertThat(c.apply()).isEqualTo(new ApplyConfig(5000, 5000)).isEqualTo(ApplyConfig.defaults());
    }

    @Test
    void givenValuesWinOverDefaults() {
        BridgeConfig c = load(BASE + """
                state-dir: /var/lib/concord
                meta-schema: bridge_meta
                capture: { poll-interval-ms: 10, max-batch-size: 100, max-queue-size: 101, heartbeat-interval-ms: 2 }
                apply: { max-batch-changes: 7, retry-max-ms: 8 }
                """);

        assertThat(c.stateDir()).isEqualTo(Path.of("/var/lib/concord"));
        assertThat(c.metaSchema()).isEqualTo("bridge_meta");
        assertThat(c.capture()).isEqualTo(new CaptureConfig(10, 100, 101, 2));
        assertThat(c.apply()).isEqualTo(new ApplyConfig(7, 8));
    }

    @Test
    void leadersKeepTheirConfiguredOrder() {
        BridgeConfig c = load("""
                cluster: shop
                leaders:
                  zeta: { host: h1, user: u }
                  alpha: { host: h2, user: u }
                  mid: { host: h3, user: u }
                tables: [ shop.items ]
                """);

        assertThat(c.leaders().keySet()).containsExactly("zeta", "alpha", "mid");
    }

    @Test
    void tableEntriesMayBeMapsWithAName() {
        BridgeConfig c = load(BASE.replace("tables: [ shop.items, shop.orders ]", """
                tables:
                  - { name: shop.orders }
                  - shop.items
                """));

        assertThat(c.tables()).extracting(t -> t.id().toString()).containsExactly("shop.orders", "shop.items");
    }

    @Test
    void passwordFromTheEnvironment() {
        BridgeConfig c = load(BASE.replace("password: \"\"", "password: \"${DC1_PW}\""), Map.of("DC1_PW", SECRET));

        assertThat(c.leaders().get("dc1").password().reveal()).isEqualTo(SECRET);
    }

    @Test
    void aMissingEnvironmentVariableIsNamed() {
        assertThat(problems(BASE.replace("password: \"\"", "password: \"${DC1_PW}\"")))
                .containsExactly("leaders.dc1.password: environment variable DC1_PW is not set");
    }

    @Test
    void aMalformedEnvironmentReferenceIsAnErrorWithoutItsText() {
        assertThat(problems(BASE.replace("password: \"\"", "password: \"${DC1 PW}\"")))
                .containsExactly("leaders.dc1.password: ${...} must hold an environment variable name of letters, "
                        + "digits and '_' that does not start with a digit");
    }

    @Test
    void passwordFromAFileWithoutItsTrailingNewline() throws Exception {
        Path unix = Files.writeString(tmp.resolve("dc1.pw"), SECRET + "\n");
        Path windows = Files.writeString(tmp.resolve("dc2.pw"), SECRET + " \r\n");

        BridgeConfig c = load(BASE.replace("password: \"\"", "password: file:" + unix)
                .replace("user: root }", "user: root, password: \"file:" + windows + "\" }"));

        assertThat(c.leaders().get("dc1").password().reveal()).isEqualTo(SECRET);
        assertThat(c.leaders().get("dc2").password().reveal()).as("only line ends are stripped").isEqualTo(SECRET + " ");
    }

    @Test
    void anUnreadablePasswordFileIsNamed() {
        Path missing = tmp.resolve("nope.pw");

        assertThat(problems(BASE.replace("password: \"\"", "password: file:" + missing)))
                .containsExactly("leaders.dc1.password: cannot read file " + missing + ": it does not exist");
    }

    @Test
    void aPasswordIsTheTextWrittenEvenWhenYamlWouldReadItAsANumberOrBoolean() {
        for (String written : List.of("0123", "1.50", "yes", "0x1F", ".inf", "1_000", "~x")) {
            BridgeConfig c = load(BASE.replace("password: \"\"", "password: " + written));
            assertThat(c.leaders().get("dc1").password().reveal()).isEqualTo(written);
        }
    }

    @Test
    void numbersMayBeQuoted() {
        assertThat(load(BASE.replace("port: 33061", "port: \"33061\"")).leaders().get("dc1").port()).isEqualTo(33061);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                arguments("port: 33062", "port: 0", "leaders.dc2.port=0: must be 1..65535"),
                arguments("port: 33062", "port: 65536", "leaders.dc2.port=65536: must be 1..65535"),
                arguments("port: 33062", "port: abc", "leaders.dc2.port=abc: must be an integer"),
                arguments("port: 33062", "port: 99999999999",
                        "leaders.dc2.port=99999999999: is out of range (at most 2147483647)"),
                arguments("port: 33062", "port: [1, 2]", "leaders.dc2.port: must be a single value, not a list"),
                arguments("host: 127.0.0.1, port: 33062", "host: '', port: 33062",
                        "leaders.dc2.host=\"\": must not be blank"),
                arguments("host: 127.0.0.1, port: 33062", "port: 33062", "leaders.dc2.host: is required"),
                arguments("port: 33062, user: root", "port: 33062, user: ''", "leaders.dc2.user=\"\": must not be blank"),
                arguments("port: 33062, user: root", "port: 33062", "leaders.dc2.user: is required"),
                arguments("port: 33062", "port: 33061",
                        "leaders.dc2: has the same host and port as leaders.dc1 (127.0.0.1:33061); "
                                + "every leader is a server of its own"),
                arguments("  dc2: { host: 127.0.0.1, port: 33062, user: root }\n", "",
                        "leaders: must name at least 2 leaders"),
                arguments("  dc2:", "  \"dc 2\":", "leaders.dc 2: must be 1 to 64 letters, digits, '_' or '-'"),
                arguments("  dc2:", "  " + "d".repeat(65) + ":",
                        "leaders." + "d".repeat(65) + ": must be 1 to 64 letters, digits, '_' or '-'"),
                arguments("  dc2: { host: 127.0.0.1, port: 33062, user: root }", "  dc2: db2.example",
                        "leaders.dc2: must be a map of the keys host, port, user, password"),
                arguments("port: 33062, user: root", "port: 33062, user: root, pasword: x",
                        "leaders.dc2.pasword: is not a known key (did you mean password?); "
                                + "known keys: host, port, user, password"),
                arguments(LEADERS, "leaders: [ dc1, dc2 ]\n", "leaders: must be a map of keys and values"),
                arguments("cluster: shop", "cluster: my shop",
                        "cluster=my shop: must be 1 to 64 letters, digits, '_' or '-'"),
                arguments("cluster: shop\n", "", "cluster: is required"),
                arguments("[ shop.items, shop.orders ]", "[]", "tables: must list at least one table"),
                arguments("tables: [ shop.items, shop.orders ]\n", "", "tables: is required"),
                arguments("[ shop.items, shop.orders ]", "shop.items", "tables=shop.items: must be a list"),
                arguments("shop.orders ]", "shop_orders ]",
                        "tables[1]=shop_orders: must be database.table (each part 1 to 64 characters, no '.' or '`')"),
                arguments("shop.orders ]", "shop.orders.x ]",
                        "tables[1]=shop.orders.x: must be database.table (each part 1 to 64 characters, no '.' or '`')"),
                arguments("shop.orders ]", "shop.items ]", "tables[1]=shop.items: is listed twice (also tables[0])"),
                arguments("shop.orders ]", "{ name: shop.items } ]",
                        "tables[1].name=shop.items: is listed twice (also tables[0])"),
                arguments("shop.orders ]", "concord.orders ]",
                        "tables[1]=concord.orders: is in the meta schema concord, which belongs to the bridge; "
                                + "replicate application tables or choose another meta-schema"),
                arguments("shop.orders ]", "mysql.user ]",
                        "tables[1]=mysql.user: is in a system schema; the bridge replicates application tables"),
                arguments("shop.orders ]", "{ name: shop.orders, resolver: manual } ]",
                        "tables[1].resolver: is not a known key (did you mean resolve?); known keys: " + TABLE_KEYS),
                arguments("shop.orders ]", "{ nam: shop.orders } ]",
                        "tables[1].nam: is not a known key (did you mean name?); known keys: " + TABLE_KEYS + "\n"
                                + "tables[1].name: is required"),
                arguments("cluster: shop", "cluster: shop\nmeta-schema: my-meta",
                        "meta-schema=my-meta: must be 1 to 64 letters, digits or '_'"),
                arguments("cluster: shop", "cluster: shop\nmeta-schema: 123", "meta-schema=123: must not be all digits"),
                arguments("cluster: shop", "cluster: shop\nmeta-schema: mysql", "meta-schema=mysql: is a system schema"),
                arguments("cluster: shop", "cluster: shop\nstate-dir: ''", "state-dir=\"\": must not be blank"),
                arguments("cluster: shop", "cluster: shop\nstate_dir: /tmp/x",
                        "state_dir: is not a known key (did you mean state-dir?); known keys: "
                                + "cluster, leaders, tables, state-dir, meta-schema, capture, apply, http, handlers, transport, notify"),
                arguments("cluster: shop", "cluster: shop\ncapture: { poll-interval-ms: 0 }",
                        "capture.poll-interval-ms=0: must be a positive integer"),
                arguments("cluster: shop", "cluster: shop\ncapture: { max-batch-size: -1 }",
                        "capture.max-batch-size=-1: must be a positive integer"),
                arguments("cluster: shop", "cluster: shop\ncapture: { heartbeat-interval-ms: 0 }",
                        "capture.heartbeat-interval-ms=0: must be a positive integer"),
                arguments("cluster: shop", "cluster: shop\ncapture: { max-queue-size: 2048 }",
                        "capture.max-queue-size=2048: must be larger than capture.max-batch-size (2048)"),
                arguments("cluster: shop", "cluster: shop\ncapture: { poll-interval: 5 }",
                        "capture.poll-interval: is not a known key (did you mean poll-interval-ms?); known keys: "
                                + "poll-interval-ms, max-batch-size, max-queue-size, heartbeat-interval-ms"),
                arguments("cluster: shop", "cluster: shop\ncapture: 5", "capture=5: must be a map of keys and values"),
                arguments("cluster: shop", "cluster: shop\napply: { max-batch-changes: 0 }",
                        "apply.max-batch-changes=0: must be a positive integer"),
                arguments("cluster: shop", "cluster: shop\napply: { retry-max-ms: -5 }",
                        "apply.retry-max-ms=-5: must be a positive integer"),
                arguments("cluster: shop", "cluster: shop\ncluster: shop2", "cluster: appears twice (lines 1 and 2); keep one"),
                arguments("cluster: shop", "cluster: &c shop\nmeta-schema: *c",
                        "meta-schema: is a YAML alias (*name), which the config does not support; write the value out"));
    }

    /** Replaces {@code from} by {@code to} in a valid config; expects the problems {@code expected} (one a line). */
    @ParameterizedTest(name = "{2}")
    @MethodSource("rules")
    void eachRuleNamesTheKeyTheValueAndTheReason(String from, String to, String expected) {
        String yaml = BASE.replace(from, to);
        assertThat(yaml).as("the case changes the base config").isNotEqualTo(BASE);

        assertThat(problems(yaml)).containsExactly(expected.split("\n"));
    }

    @Test
    void everyProblemIsReportedTogether() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("bridge.yaml", """
                cluster: shop
                leaders:
                  dc1: { host: 127.0.0.1, port: 0, user: root }
                  dc2: { host: '', port: 33062, user: root, password: "${NOPE}" }
                tables: [ shop, shop.items, shop.items ]
                meta-schema: bad-name
                capture: { poll-interval-ms: -1 }
                aply: { retry-max-ms: 5 }
                """, Map.of()));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "aply: is not a known key (did you mean apply?); known keys: "
                        + "cluster, leaders, tables, state-dir, meta-schema, capture, apply, http, handlers, transport, notify",
                "leaders.dc1.port=0: must be 1..65535",
                "leaders.dc2.host=\"\": must not be blank",
                "leaders.dc2.password: environment variable NOPE is not set",
                "tables[0]=shop: must be database.table (each part 1 to 64 characters, no '.' or '`')",
                "tables[2]=shop.items: is listed twice (also tables[1])",
                "meta-schema=bad-name: must be 1 to 64 letters, digits or '_'",
                "capture.poll-interval-ms=-1: must be a positive integer");
        assertThat(e.getMessage()).startsWith("invalid config bridge.yaml (8 problems):\n  ")
                .contains("\n  leaders.dc1.port=0: must be 1..65535");
    }

    @Test
    void anEmptyFileNamesTheRequiredKeys() {
        assertThat(problems("")).containsExactly("cluster: is required", "leaders: is required", "tables: is required");
    }

    @Test
    void aFileThatIsNotAMapSaysWhatItShouldBe() {
        assertThat(problems("- shop.items\n")).containsExactly("test.yaml: must be a YAML map of the keys "
                + "cluster, leaders, tables, state-dir, meta-schema, capture, apply, http, handlers, transport, notify");
    }

    @Test
    void aYamlSyntaxErrorNamesFileLineAndColumn() {
        assertThat(problems("cluster: shop\nleaders: { dc1: { host: a }\ntables: x\n"))
                .singleElement().asString().startsWith("test.yaml:3:").contains("invalid YAML");
        assertThat(problems("cluster: shop\nleaders:\n  dc1: x: y\n"))
                .containsExactly("test.yaml:3:9: invalid YAML: mapping values are not allowed here");
    }

    @Test
    void loadsAFileAndNamesItInProblems() throws Exception {
        Path file = Files.writeString(tmp.resolve("bridge.yaml"), BASE.replace("port: 33062", "port: 0"));

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("invalid config " + file + " (1 problem):\n  leaders.dc2.port=0: must be 1..65535");
        assertThat(ConfigLoader.load(Files.writeString(file, BASE), Map.of()).cluster()).isEqualTo("shop");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = tmp.resolve("missing.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read config file " + missing);
    }

    @Test
    void aSecretNeverAppearsInToStringOrInProblems() throws Exception {
        Path pwFile = Files.writeString(tmp.resolve("pw"), SECRET + "\n");
        BridgeConfig c = load(BASE.replace("password: \"\"", "password: " + SECRET)
                .replace("user: root }", "user: root, password: \"file:" + pwFile + "\" }"));
        assertThat(c.toString()).doesNotContain(SECRET);
        assertThat(c.leaders().get("dc1").toString()).doesNotContain(SECRET);
        assertThat(c.leaders().get("dc1").password().toString()).doesNotContain(SECRET);

        List<String> leaky = List.of(
                BASE.replace("password: \"\"", "password: " + SECRET).replace("port: 33062", "port: 0"),
                BASE.replace("password: \"\"", "password: { value: " + SECRET + " }"),
                BASE.replace("password: \"\"", "password: [ " + SECRET + " ]"),
                BASE.replace("password: \"\"", "pasword: " + SECRET),
                BASE.replace("password: \"\"", "password: '" + SECRET + "\n"),
                BASE.replace("password: \"\"", "password: \"${" + SECRET + "}\""),
                BASE.replace("password: \"\"", "password: " + SECRET + ", password: " + SECRET),
                BASE.replace("password: \"\"", "password: " + SECRET + ": x"),
                BASE.replace("password: \"\"", "password: \"" + SECRET + "\\q\""));
        for (String yaml : leaky) {
            ConfigException e = catchThrowableOfType(ConfigException.class,
                    () -> ConfigLoader.parse("test.yaml", yaml, Map.of()));
            assertThat(e).as(yaml).isNotNull();
            assertThat(e.getMessage()).as(yaml).doesNotContain(SECRET).doesNotContain("s3cret");
        }
    }

    private static BridgeConfig load(String yaml) {
        return load(yaml, Map.of());
    }

    private static BridgeConfig load(String yaml, Map<String, String> env) {
        return ConfigLoader.parse("test.yaml", yaml, env);
    }

    private static List<String> problems(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
        assertThat(e).as("the config is rejected").isNotNull();
        return e.problems();
    }
}
