package io.concordbridge.ops.http;

import com.sun.net.httpserver.HttpServer;
import io.concordbridge.core.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The guard of state-changing routes, which no route of the bridge has yet. */
class RouterTest {

    private HttpServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    private void serve(Optional<Secret> token) throws Exception {
        Router router = new Router(token)
                .get("/thing", ex -> Replies.json(ex, 200, Replies.object().put("read", true)))
                .post("/thing", ex -> Replies.json(ex, 200, Replies.object().put("changed", true)));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", router);
        server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aStateChangingRouteIsRefusedWhileNoTokenIsConfigured() throws Exception {
        serve(Optional.empty());

        assertThat(post(null).statusCode()).isEqualTo(403);
        assertThat(get().statusCode()).isEqualTo(200);
    }

    @Test
    void aStateChangingRouteNeedsTheBearerToken() throws Exception {
        serve(Optional.of(new Secret("s3cret-token")));

        HttpResponse<String> none = post(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(none.body()).doesNotContain("s3cret");
        assertThat(post("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post("s3cret-token").statusCode()).isEqualTo(401);
        assertThat(post("Bearer s3cret-token").statusCode()).isEqualTo(200);
        assertThat(get().statusCode()).as("reads need no token").isEqualTo(200);
    }

    @Test
    void anEmptyTokenCountsAsNone() throws Exception {
        serve(Optional.of(new Secret("")));

        assertThat(post("Bearer ").statusCode()).isEqualTo(403);
    }

    @Test
    void aMethodWithoutARouteGets405ListingTheRoutesMethods() throws Exception {
        serve(Optional.empty());

        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).contains("GET, POST");
    }

    private HttpResponse<String> get() throws Exception {
        return client.send(HttpRequest.newBuilder(uri()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri()).POST(HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/thing");
    }
}
