package io.concordbridge.ops.http;

import io.concordbridge.core.config.HttpConfig;
import io.concordbridge.core.pipeline.LeaderState;
import io.concordbridge.core.pipeline.PipelineStats;
import io.concordbridge.ops.metrics.BridgeMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpsServerTest {

    private static final List<String> LEADERS = List.of("dc1", "dc2");

    private final PipelineStats stats = new PipelineStats();
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final OpsServer server;

    OpsServerTest() {
        BridgeMetrics.register(registry, stats, LEADERS, Clock.systemUTC());
        server = OpsServer.start(new HttpConfig(true, "127.0.0.1", 0, 30_000), registry,
                new Readiness(LEADERS, stats, 30_000));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void metricsInThePrometheusTextFormat() throws Exception {
        stats.captured("dc1", 1, 3);

        HttpResponse<String> r = get("/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body()).contains("# HELP concord_captured_changes_total ")
                .contains("concord_captured_changes_total{leader=\"dc1\"} 3.0");
    }

    @Test
    void liveWhileTheProcessRuns() throws Exception {
        HttpResponse<String> r = get("/health/live");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\" : \"live\"");
    }

    @Test
    void readyOnlyOnceEveryLeaderRuns() throws Exception {
        stats.captureState("dc1", LeaderState.RUNNING, null);
        stats.applyState("dc1", LeaderState.RUNNING, null);
        stats.captureState("dc2", LeaderState.DOWN, "refused");
        stats.applyState("dc2", LeaderState.RUNNING, null);

        HttpResponse<String> notReady = get("/health/ready");

        assertThat(notReady.statusCode()).isEqualTo(503);
        assertThat(notReady.headers().firstValue("Content-Type")).contains("application/json; charset=utf-8");
        assertThat(notReady.body()).contains("\"status\" : \"not ready\"").contains("\"leader\" : \"dc2\"")
                .contains("\"role\" : \"capture\"").contains("\"reason\" : \"capture of dc2 is DOWN\"")
                .doesNotContain("refused");

        stats.captureState("dc2", LeaderState.RUNNING, null);
        HttpResponse<String> ready = get("/health/ready");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\" : \"ready\"").doesNotContain("not_ready");
    }

    @Test
    void otherMethodsGet405WithTheAllowedOnes() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "HEAD")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/metrics"))
                    .method(method, HttpRequest.BodyPublishers.ofString("x")).build());

            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).as(method).contains("GET");
        }
    }

    @Test
    void unknownPathsGet404EvenWhenAKnownPathIsAPrefix() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metricsx").statusCode()).isEqualTo(404);
        assertThat(get("/health").statusCode()).isEqualTo(404);
        assertThat(get("/health/ready/").statusCode()).isEqualTo(404);
    }

    @Test
    void aTakenPortNamesTheKeyToChange() {
        HttpConfig taken = new HttpConfig(true, "127.0.0.1", server.port(), 30_000);

        assertThatThrownBy(() -> OpsServer.start(taken, registry, new Readiness(LEADERS, stats, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("http.port=" + server.port() + ": cannot listen on 127.0.0.1:" + server.port())
                .hasMessageContaining("0 picks one");
    }

    @Test
    void anUnknownBindAddressNamesTheKey() {
        HttpConfig unknown = new HttpConfig(true, "no-such-host.invalid", 0, 30_000);

        assertThatThrownBy(() -> OpsServer.start(unknown, registry, new Readiness(LEADERS, stats, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("http.bind=no-such-host.invalid: unknown host");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
