package io.concordbridge.ops;

import com.fasterxml.jackson.databind.JsonNode;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import io.concordbridge.ops.conflicts.ConflictJson;
import io.concordbridge.ops.runtime.HubRuntime;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 open conflicts, made by the bridge from concurrent writes, listed over HTTP page by page:
 * every conflict exactly once, filters that narrow, and the figures (time per page of 100 beside
 * one plain SQL read of the whole conflict table, the heap the listing added) printed as a
 * benchmark, not asserted.
 */
class ConflictPagingIT {

    private static final int CONFLICTS = 1000;

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(2);

    @Test
    void aThousandOpenConflictsAreListedPageByPageEachExactlyOnce() throws Exception {
        fx.executeEverywhere("CREATE DATABASE pg", "CREATE TABLE pg.t (id INT PRIMARY KEY, v VARCHAR(20))",
                "CREATE TABLE pg.u (id INT PRIMARY KEY, v VARCHAR(20))");
        BridgeConfig config = ConfigLoader.load(fx.writeConfig("pg",
                List.of("{ name: pg.t, resolve: manual }", "{ name: pg.u, resolve: manual }"), null));
        StringBuilder rows = new StringBuilder();
        for (int i = 1; i <= CONFLICTS; i++) {
            rows.append(i == 1 ? "" : ",").append("(").append(i).append(", 'base')");
        }
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            fx.execute("dc1", "INSERT INTO pg.t VALUES " + rows, "INSERT INTO pg.u VALUES (1, 'base')");
            fx.awaitIdentical(config, Duration.ofSeconds(120));
        }
        fx.execute("dc1", "UPDATE pg.t SET v = 'dc1'", "UPDATE pg.u SET v = 'dc1'");
        fx.execute("dc2", "UPDATE pg.t SET v = 'dc2'", "UPDATE pg.u SET v = 'dc2'");
        try (HubRuntime bridge = HubRuntime.start(config)) {
            assertThat(bridge.awaitStreaming(120, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(120)).until(() ->
                    fx.queryLong("dc2", "SELECT COUNT(*) FROM concord_pg.conflict") == CONFLICTS + 1);
            String base = "http://127.0.0.1:" + bridge.httpPort().orElseThrow() + "/conflicts?leader=dc2";
            HttpClient http = HttpClient.newHttpClient();

            Runtime rt = Runtime.getRuntime();
            System.gc();
            long heapBefore = rt.totalMemory() - rt.freeMemory();
            Histogram pageMicros = new Histogram(3);
            Set<String> seen = new HashSet<>();
            String after = null;
            int pages = 0;
            do {
                long t0 = System.nanoTime();
                JsonNode page = ConflictJson.parse(get(http, base + "&table=pg.t&limit=100"
                        + (after == null ? "" : "&after=" + after)));
                pageMicros.recordValue((System.nanoTime() - t0) / 1000);
                page.get("conflicts").forEach(c -> assertThat(seen.add(c.get("conflict_id").asText()))
                        .as("listed once").isTrue());
                assertThat(page.get("conflicts").size()).isLessThanOrEqualTo(100);
                after = page.get("next").isNull() ? null : page.get("next").asText();
                pages++;
            } while (after != null);
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            assertThat(seen).as("every conflict of pg.t, each once").hasSize(CONFLICTS);
            assertThat(ConflictJson.parse(get(http, base + "&table=pg.u")).get("conflicts")).hasSize(1);
            assertThat(ConflictJson.parse(get(http, base + "&key=id%3D7&table=pg.t")).get("conflicts")).hasSize(1);
            assertThat(ConflictJson.parse(get(http, base + "&type=insert_exists")).get("conflicts")).isEmpty();
            assertThat(ConflictJson.parse(get(http, base + "&min-age-s=3600")).get("conflicts")).isEmpty();

            long t0 = System.nanoTime();
            int raw = 0;
            try (Connection c = fx.leader("dc2").connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM concord_pg.conflict")) {
                while (rs.next()) {
                    raw++;
                }
            }
            long rawMicros = (System.nanoTime() - t0) / 1000;
            System.out.printf("conflict listing over HTTP: %d conflicts in %d pages of 100: page p50 %.1f ms, p99 %.1f ms,"
                            + " all pages %.1f ms; baseline: one SQL read of all %d rows %.1f ms; heap after listing"
                            + " %+d KiB%n", seen.size(), pages, pageMicros.getValueAtPercentile(50) / 1000.0,
                    pageMicros.getValueAtPercentile(99) / 1000.0, pageMicros.getTotalCount() * pageMicros.getMean()
                            / 1000.0, raw, rawMicros / 1000.0, (heapAfter - heapBefore) / 1024);
        }
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }
}
