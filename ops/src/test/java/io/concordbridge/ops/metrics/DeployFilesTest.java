package io.concordbridge.ops.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files in ops/deploy parse, and the dashboard and alert rules name only metrics that a real
 * registry filled by {@link BridgeMetrics} exposes, so they cannot drift from the code.
 */
class DeployFilesTest {

    private static final Path DEPLOY = RepositoryRoot.find().resolve("ops/deploy");
    private static final Set<String> REGISTERED = MetricCatalog.reference(true).seriesNames();

    @Test
    void theDashboardShowsOnlyRegisteredMetrics() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/concord-bridge.json").toFile());
        List<String> exprs = dashboard.findValuesAsText("expr");
        Set<String> used = new LinkedHashSet<>();
        exprs.forEach(e -> used.addAll(PromQlNames.of(e)));

        assertThat(exprs).hasSizeGreaterThan(10);
        assertThat(REGISTERED).as("registered series").containsAll(used);
        assertThat(used).contains("concord_apply_lag_seconds_bucket", "concord_applied_changes_total",
                "concord_captured_changes_total", "concord_echoes_dropped_total", "concord_leader_up",
                "concord_checkpoint_age_seconds");
        assertThat(dashboard.path("title").asText()).isEqualTo("Concord Bridge");
        assertThat(dashboard.path("uid").asText()).isEqualTo("concord-bridge");
    }

    @Test
    void theAlertRulesAreCompleteAndNameOnlyRegisteredMetrics() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(DEPLOY.resolve("prometheus/alerts.yml").toFile())
                .path("groups").path(0).path("rules");
        Map<String, String> forByAlert = new HashMap<>();
        for (JsonNode rule : rules) {
            String alert = rule.path("alert").asText();
            assertThat(alert).isNotBlank();
            assertThat(rule.path("expr").asText()).as(alert).isNotBlank();
            assertThat(rule.path("labels").path("severity").asText()).as(alert).isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(alert).isNotBlank();
            assertThat(REGISTERED).as(alert + " reads registered series").containsAll(PromQlNames.of(rule.path("expr").asText()));
            forByAlert.put(alert, rule.path("for").asText());
        }
        assertThat(forByAlert).containsEntry("ConcordLeaderDown", "1m").containsEntry("ConcordApplyLagHigh", "5m")
                .containsKey("ConcordCheckpointStalled");
    }

    @Test
    void theAlertRuleTestsFeedOnlyRegisteredSeries() throws IOException {
        JsonNode tests = new YAMLMapper().readTree(DEPLOY.resolve("prometheus/alerts_test.yml").toFile()).path("tests");
        assertThat(tests.size()).isGreaterThanOrEqualTo(4);
        for (JsonNode series : tests.findValues("series")) {
            String name = series.asText().replaceAll("\\{.*", "");
            assertThat(REGISTERED).as("registered series").contains(name);
        }
    }

    @Test
    void promtoolAcceptsTheAlertRulesAndTheirTestsPassWhenItIsInstalled() throws Exception {
        Optional<Path> promtool = onPath("promtool");
        if (promtool.isEmpty()) {
            return; // not installed here: the structure is checked above
        }
        promtool(promtool.get(), "check", "rules", "alerts.yml");
        promtool(promtool.get(), "test", "rules", "alerts_test.yml");
    }

    private static void promtool(Path promtool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(DEPLOY.resolve("prometheus").toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    @Test
    void theKubernetesConfigLoadsAndItsPortsAndProbesAgree() throws IOException {
        Map<String, JsonNode> byKind = new HashMap<>();
        for (JsonNode doc : yamlDocuments(DEPLOY.resolve("kubernetes"))) {
            byKind.put(doc.path("kind").asText(), doc);
        }
        assertThat(byKind).containsKeys("StatefulSet", "ConfigMap", "Secret", "Service", "PodMonitor", "Kustomization");

        JsonNode configMap = byKind.get("ConfigMap").path("data");
        Set<String> refs = envReferences(configMap.path("bridge.yaml").asText());
        Map<String, String> env = new HashMap<>();
        refs.forEach(r -> env.put(r, "x"));
        BridgeConfig config = ConfigLoader.parse("configmap.yaml:bridge.yaml", configMap.path("bridge.yaml").asText(), env);
        assertThat(config.http().bind()).as("reachable by the kubelet and Prometheus").isEqualTo("0.0.0.0");

        JsonNode pod = byKind.get("StatefulSet").path("spec").path("template");
        JsonNode bridge = container(pod, "bridge");
        assertThat(bridge.path("ports").path(0).path("containerPort").asInt()).isEqualTo(config.http().port());
        assertThat(pod.path("metadata").path("annotations").path("prometheus.io/port").asText())
                .isEqualTo(Integer.toString(config.http().port()));
        assertThat(bridge.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(bridge.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(bridge.path("args").toString()).as("a sidecar of a configured leader over Kafka")
                .isEqualTo("[\"run\",\"--config\",\"/etc/concord/bridge.yaml\",\"--leader\",\"dc1\",\"--log-format\",\"json\"]");
        assertThat(config.leaders()).containsKey("dc1");
        assertThat(config.transport().kind()).isEqualTo(io.concordbridge.core.config.TransportConfig.Kind.KAFKA);
        assertThat(config.leaders().get("dc1").host()).as("its own database, in the pod").isEqualTo("127.0.0.1");
        Set<String> fromSecrets = new LinkedHashSet<>();
        bridge.path("env").forEach(e -> {
            if (e.path("valueFrom").has("secretKeyRef")) {
                fromSecrets.add(e.path("name").asText());
            }
        });
        assertThat(fromSecrets).as("every ${NAME} of bridge.yaml comes from the Secret").containsAll(refs);
        assertThat(byKind.get("Secret").path("stringData").fieldNames()).toIterable().containsAll(refs);
        assertThat(byKind.get("PodMonitor").path("spec").path("podMetricsEndpoints").path(0).path("path").asText())
                .isEqualTo("/metrics");
    }

    @Test
    void theSystemdUnitRunsTheBridgeAsItsOwnUserAndLetsItFinishABatch() throws IOException {
        Map<String, String> unit = new HashMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd/concord-bridge.service"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                unit.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(unit.get("ExecStart")).endsWith("bridge run --config /etc/concord/bridge.yaml");
        assertThat(unit).containsEntry("Restart", "on-failure").containsKey("EnvironmentFile");
        assertThat(unit.get("User")).isNotBlank().isNotEqualTo("root");
        assertThat(Integer.parseInt(unit.get("TimeoutStopSec"))).as("an apply lane gets 60 s to finish its batch")
                .isGreaterThan(60);
    }

    @Test
    void metricNamesAreFoundInPromQl() {
        assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (origin, target, le) "
                + "(rate(concord_apply_lag_seconds_bucket{target=~\"dc.*\"}[$__rate_interval]))) > 1e3"))
                .containsExactly("concord_apply_lag_seconds_bucket");
        assertThat(PromQlNames.of("max by (origin) (a_seconds) > 600 and on (origin) "
                + "label_replace(increase(b_total[10m]) > 0, \"origin\", \"$1\", \"leader\", \"(.*)\")"))
                .containsExactly("a_seconds", "b_total");
    }

    private static List<JsonNode> yamlDocuments(Path dir) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        YAMLMapper yaml = new YAMLMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                yaml.readerFor(JsonNode.class).readValues(f.toFile()).forEachRemaining(d -> docs.add((JsonNode) d));
            }
        }
        return docs;
    }

    private static JsonNode container(JsonNode pod, String name) {
        for (JsonNode c : pod.path("spec").path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container " + name);
    }

    private static Set<String> envReferences(String yaml) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(yaml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Optional<Path> onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
