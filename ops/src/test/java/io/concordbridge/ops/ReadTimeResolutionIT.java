package io.concordbridge.ops;

import io.concordbridge.client.Choice;
import io.concordbridge.client.ConflictClient;
import io.concordbridge.client.ConflictException;
import io.concordbridge.client.Resolved;
import io.concordbridge.client.RowWithSiblings;
import io.concordbridge.client.StoredConflict;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import com.fasterxml.jackson.databind.JsonNode;
import io.concordbridge.ops.conflicts.ConflictJson;
import io.concordbridge.ops.runtime.HubRuntime;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Read-time resolution on three leaders with {@code resolve: manual}: a conflict is stored with the
 * same id and versions everywhere while every leader keeps the same provisional winner; the Java
 * client reads the row with its siblings and resolves it at one leader; the resolution replicates
 * and closes the conflict everywhere. Two resolutions of one conflict at once converge.
 */
class ReadTimeResolutionIT {

    private static final List<String> LEADERS = List.of("dc1", "dc2", "dc3");
    private static final String META = "concord_rtr";

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(3);

    private static final String TOKEN = "t0ken-for-tests";

    private static Path file;
    private static BridgeConfig config;
    private static com.sun.net.httpserver.HttpServer webhook;
    private static final List<String> notifications = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void schema() throws Exception {
        fx.executeEverywhere("CREATE DATABASE rtr",
                "CREATE TABLE rtr.orders (id INT PRIMARY KEY, qty INT NOT NULL, price DECIMAL(8,2), note VARCHAR(40))");
        Path token = Files.writeString(fx.dir().resolve("admin-token"), TOKEN + "\n");
        webhook = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hook", ex -> {
            notifications.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        webhook.start();
        file = fx.writeConfig("rtr", List.of("{ name: rtr.orders, resolve: manual }"),
                "http: { port: 0, token: \"file:" + token + "\" }\nnotify: { webhook-url: \"http://127.0.0.1:"
                        + webhook.getAddress().getPort() + "/hook\" }");
        config = ConfigLoader.load(file);
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO rtr.orders VALUES (1, 1, 9.99, 'base'), (2, 1, 5.00, 'base'),"
                    + " (3, 1, 1.00, 'base'), (4, 1, 2.00, 'base')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void stopWebhook() {
        webhook.stop(0);
    }

    @Test
    void theHttpApiListsShowsAndResolvesWithTheTokenOnlyAndTheCliDoesTheSame() throws Exception {
        fx.execute("dc1", "UPDATE rtr.orders SET note = 'dc1' WHERE id IN (3, 4)");
        fx.execute("dc2", "UPDATE rtr.orders SET note = 'dc2' WHERE id IN (3, 4)");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            awaitOpen("id=3", 1);
            awaitOpen("id=4", 1);
            String base = "http://127.0.0.1:" + bridge.httpPort().orElseThrow();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http(base + "/metrics", null, null)
                    .body()).contains("concord_conflicts_open{leader=\"dc3\",table=\"rtr.orders\"} 2.0")
                    .contains("concord_conflicts_total{leader=\"dc2\",outcome=\"stored\",table=\"rtr.orders\","
                            + "type=\"update_differing\"}"));

            HttpResponse<String> list = http(base + "/conflicts?leader=dc3&table=rtr.orders&key=id%3D3", null, null);
            assertThat(list.statusCode()).isEqualTo(200);
            JsonNode page = ConflictJson.parse(list.body());
            assertThat(page.get("conflicts")).hasSize(1);
            String id = page.get("conflicts").get(0).get("conflict_id").asText();
            JsonNode shown = ConflictJson.parse(http(base + "/conflicts/" + id + "?leader=dc2", null, null).body());
            assertThat(shown.get("siblings")).extracting(v -> v.get("row").get("note").asText())
                    .containsExactlyInAnyOrder("dc1", "dc2");

            String take = "{\"take\": \"dc2\", \"by\": \"oncall\"}";
            assertThat(http(base + "/conflicts/" + id + "/resolve?leader=dc1", take, null).statusCode()).isEqualTo(401);
            assertThat(http(base + "/conflicts/" + id + "/resolve?leader=dc1", take, "wrong").statusCode()).isEqualTo(401);
            assertThat(fx.queryLong("dc1", "SELECT COUNT(*) FROM " + META + ".conflict WHERE conflict_id = '" + id + "'"))
                    .as("refused requests change nothing").isEqualTo(1);
            HttpResponse<String> done = http(base + "/conflicts/" + id + "/resolve?leader=dc1", take, TOKEN);
            assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
            assertThat(http(base + "/conflicts/" + id + "?leader=dc1", null, null).statusCode()).isEqualTo(404);
            assertThat(http(base + "/conflicts/" + id + "/resolve?leader=dc1", take, TOKEN).statusCode()).isEqualTo(409);
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT COUNT(*) FROM rtr.orders WHERE id = 3 AND note = 'dc2'")).isEqualTo(1));
            }

            String listed = Cli.run(0, "conflicts", "list", "--config", file.toString(), "--leader", "dc2", "--key", "id=4",
                    "--json");
            String id4 = ConflictJson.parse(listed).get("conflicts").get(0).get("conflict_id").asText();
            assertThat(Cli.run(0, "conflicts", "show", id4, "--config", file.toString())).contains("dc1", "dc2", "id=4");
            assertThat(Cli.run(0, "conflicts", "resolve", id4, "--take", "dc1", "--by", "ops", "--config", file.toString(),
                    "--leader", "dc3")).contains("resolved " + id4 + " on dc3");
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM rtr.orders WHERE id = 4 AND note = 'dc1'"))
                            .isEqualTo(1);
                    assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".conflict WHERE row_key IN"
                            + " ('id=3', 'id=4')")).isZero();
                });
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
        try (HubRuntime restarted = HubRuntime.start(config)) {
            String metrics = "http://127.0.0.1:" + restarted.httpPort().orElseThrow() + "/metrics";
            String series = "concord_conflicts_total{leader=\"dc2\",outcome=\"stored\",table=\"rtr.orders\","
                    + "type=\"update_differing\"} ";
            long recorded = fx.queryLong("dc2", "SELECT COUNT(*) FROM " + META + ".conflict_history WHERE leader = 'dc2'"
                    + " AND tbl = 'rtr.orders' AND type = 'update_differing' AND kept_open = 1");
            assertThat(recorded).as("conflicts dc2 stored in this class's tests").isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http(metrics, null, null).body()
                    .lines().filter(l -> l.startsWith(series)).map(l -> Double.parseDouble(l.substring(series.length())))
                    .findFirst()).as("a restart keeps the conflict counts: what dc2's history holds").hasValue(
                            (double) recorded));
        }
    }

    private static HttpResponse<String> http(String url, String postBody, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        b = postBody == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(postBody));
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }


    @Test
    void aStoredConflictIsReadWithItsSiblingsAndAResolutionThroughTheClientReachesEveryLeader() throws Exception {
        fx.execute("dc1", "UPDATE rtr.orders SET qty = 3, note = 'dc1' WHERE id = 1");
        fx.execute("dc2", "UPDATE rtr.orders SET qty = 5, note = 'dc2' WHERE id = 1");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            awaitOpen("id=1", 1);
            fx.awaitIdentical(config, Duration.ofSeconds(60));

            String id = client("dc1").listOpen("rtr.orders").get(0).conflictId();
            for (String leader : LEADERS) {
                List<StoredConflict> open = client(leader).listOpen("rtr.orders");
                assertThat(open).as("%s lists the conflict", leader).singleElement().satisfies(c -> {
                    assertThat(c.rowKey()).isEqualTo("id=1");
                    assertThat(c.policy()).isEqualTo("manual");
                    assertThat(c.siblings()).extracting(s -> s.leader()).containsExactlyInAnyOrder("dc1", "dc2");
                });
                assertThat(open.get(0).conflictId()).as("the same id on every leader").isEqualTo(id);
            }
            RowWithSiblings read = client("dc3").read("rtr.orders", Map.of("id", 1));
            assertThat(read.inConflict()).isTrue();
            assertThat(read.siblings()).extracting(s -> s.row().get("note")).containsExactlyInAnyOrder("dc1", "dc2");
            assertThat(read.row().get("note")).as("the provisional winner is one of them")
                    .isIn("dc1", "dc2");

            await().atMost(Duration.ofSeconds(30)).until(() -> notifications.stream().anyMatch(n -> n.contains(id)));
            Thread.sleep(1000);
            assertThat(notifications.stream().filter(n -> n.contains(id)))
                    .as("one notification per conflict, though three leaders stored it").singleElement()
                    .satisfies(n -> assertThat(n).contains("\"table\":\"rtr.orders\"", "conflict_stored")
                            .doesNotContain("qty", "note", "\"local\""));

            Map<String, Object> merged = new LinkedHashMap<>(read.siblings().get(0).row());
            merged.put("qty", 7L);
            merged.put("note", "merged");
            Resolved done = client("dc2").resolve(id, Choice.row(merged), "alice", "quantities added");
            assertThat(done.conflictIds()).containsExactly(id);

            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    assertThat(fx.queryLong(leader, "SELECT qty FROM rtr.orders WHERE id = 1")).isEqualTo(7);
                    assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".conflict")).isZero();
                });
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".resolution WHERE conflict_id = '"
                        + id + "' AND resolved_by = 'alice' AND leader = 'dc2'")).as("%s recorded who", leader).isEqualTo(1);
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".conflict_history WHERE conflict_id = '"
                        + id + "' AND outcome = 'resolved' AND reason LIKE '%alice%quantities added%'"))
                        .as("%s moved it to the history", leader).isEqualTo(1);
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            ConflictException again = catchThrowableOfType(ConflictException.class,
                    () -> client("dc1").resolve(id, Choice.take("dc1"), "bob", ""));
            assertThat(again.reason()).isEqualTo(ConflictException.Reason.ALREADY_RESOLVED);
            assertThat(again.getMessage()).contains("alice");
        }
    }

    @Test
    void twoResolutionsOfOneConflictAtOnceOnTwoLeadersConvergeAndBothAreRecorded() throws Exception {
        fx.execute("dc1", "UPDATE rtr.orders SET qty = 2, note = 'dc1' WHERE id = 2");
        fx.execute("dc3", "UPDATE rtr.orders SET qty = 4, note = 'dc3' WHERE id = 2");
        String id;
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            awaitOpen("id=2", 1);
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            id = client("dc1").listOpen("rtr.orders").get(0).conflictId();
        }
        client("dc1").resolve(id, Choice.take("dc1"), "ann", "");
        client("dc2").resolve(id, Choice.row(Map.of("id", 2, "qty", 9, "price", new BigDecimal("5.00"), "note", "dc2 pick")),
                "bob", "");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            for (String leader : LEADERS) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                        "SELECT COUNT(*) FROM " + META + ".resolution WHERE conflict_id = '" + id + "'"))
                        .as("%s recorded both resolutions", leader).isEqualTo(2));
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".conflict")).isZero();
            }
            fx.awaitIdentical(config, Duration.ofSeconds(60));
        }
        assertThat(fx.queryLong("dc3", "SELECT qty FROM rtr.orders WHERE id = 2")).as("one of the two resolutions")
                .isIn(2L, 9L);
    }

    /**
     * Leaders meet one conflict's writes in different orders, and the resolution still closes it
     * everywhere. dc1 meets v1 (its own) against v2 (dc2's), then applies dc2's next write v2' on
     * top, and resolves. dc2 meets v1 only after v2': it stores the pair (v1, v2'), which the
     * resolution, written on top of both, closes when it arrives. dc3 meets v2 and v2' only after
     * the resolution and keeps it. Locks the test holds order it: row 9 at dc2 holds v1 back there,
     * row 10 at dc3 holds dc2's transactions back there.
     */
    @Test
    void leadersMeetingTheWritesInAnotherOrderAllKeepTheResolutionAndOpenNothing() throws Exception {
        try (HubRuntime bridge = HubRuntime.start(config);
             java.sql.Connection held3 = fx.leader("dc3").connect(); java.sql.Statement s3 = held3.createStatement();
             java.sql.Connection held2 = fx.leader("dc2").connect(); java.sql.Statement s2 = held2.createStatement()) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO rtr.orders VALUES (9, 1, 1.00, 'gate'), (10, 1, 1.00, 'gate'),"
                    + " (11, 1, 1.00, 'base')");
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            held3.setAutoCommit(false);
            s3.executeQuery("SELECT * FROM rtr.orders WHERE id = 10 FOR UPDATE").close();
            held2.setAutoCommit(false);
            s2.executeQuery("SELECT * FROM rtr.orders WHERE id = 9 FOR UPDATE").close();

            fx.execute("dc1", "BEGIN", "UPDATE rtr.orders SET qty = 9 WHERE id = 9",
                    "UPDATE rtr.orders SET qty = 3, note = 'dc1' WHERE id = 11", "COMMIT");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong("dc3",
                    "SELECT qty FROM rtr.orders WHERE id = 11")).as("v1 at dc3, stamped before v2").isEqualTo(3));
            fx.execute("dc2", "BEGIN", "UPDATE rtr.orders SET qty = 2 WHERE id = 10",
                    "UPDATE rtr.orders SET qty = 5, note = 'dc2' WHERE id = 11", "COMMIT");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong("dc1",
                    "SELECT COUNT(*) FROM " + META + ".conflict WHERE row_key = 'id=11'")).isEqualTo(1));
            fx.execute("dc2", "UPDATE rtr.orders SET qty = 6, note = 'dc2 again' WHERE id = 11");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryString("dc1",
                    "SELECT note FROM rtr.orders WHERE id = 11")).as("v2' applied at dc1").isEqualTo("dc2 again"));
            held2.rollback();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong("dc2",
                    "SELECT COUNT(*) FROM " + META + ".conflict WHERE row_key = 'id=11'")).as("(v1, v2') at dc2")
                    .isEqualTo(1));
            String atDc2 = client("dc2").listOpen("rtr.orders").stream().filter(k -> k.rowKey().equals("id=11"))
                    .findFirst().orElseThrow().conflictId();

            String id = client("dc1").listOpen("rtr.orders").stream().filter(k -> k.rowKey().equals("id=11"))
                    .findFirst().orElseThrow().conflictId();
            assertThat(atDc2).as("dc2 met another pair of the same writes").isNotEqualTo(id);
            Map<String, Object> merged = new LinkedHashMap<>(Map.of("id", 11, "qty", 8,
                    "price", new BigDecimal("1.00"), "note", "merged"));
            client("dc1").resolve(id, Choice.row(merged), "carol", "");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(fx.queryLong("dc3", "SELECT qty FROM rtr.orders WHERE id = 11")).isEqualTo(8);
                assertThat(fx.queryLong("dc3", "SELECT COUNT(*) FROM " + META + ".resolution WHERE conflict_id = '"
                        + id + "'")).isEqualTo(1);
            });
            assertThat(fx.queryLong("dc3", "SELECT qty FROM rtr.orders WHERE id = 10"))
                    .as("dc2's transactions still wait in its lane to dc3").isEqualTo(1);
            held3.rollback();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong("dc3",
                    "SELECT COUNT(*) FROM " + META + ".conflict_history WHERE row_key = 'id=11' AND policy ="
                            + " 'resolution' AND remote_leader = 'dc2' AND reason LIKE '%already resolved here%"
                            + id + "%carol%'")).as("dc3 met v2 and v2' after the resolution").isEqualTo(2));
            fx.awaitIdentical(config, Duration.ofSeconds(60));
            assertThat(fx.queryLong("dc2", "SELECT COUNT(*) FROM " + META + ".conflict_history WHERE conflict_id = '"
                    + atDc2 + "' AND outcome = 'resolved' AND reason LIKE '%carol%" + id + "%on top of every version%'"))
                    .as("the resolution closed dc2's pair").isEqualTo(1);
            for (String leader : LEADERS) {
                assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM " + META + ".conflict WHERE row_key = 'id=11'"))
                        .as("no conflict left open on %s", leader).isZero();
                assertThat(fx.queryLong(leader, "SELECT qty FROM rtr.orders WHERE id = 11")).isEqualTo(8);
            }
        }
    }

    private static void awaitOpen(String rowKey, int n) {
        for (String leader : LEADERS) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(fx.queryLong(leader,
                    "SELECT COUNT(*) FROM " + META + ".conflict WHERE row_key = '" + rowKey + "'"))
                    .as("open conflicts on %s at %s", rowKey, leader).isEqualTo(n));
        }
    }

    static ConflictClient client(String leader) {
        return ConflictClient.of(() -> fx.leader(leader).connect(), META, leader);
    }
}
