package io.concordbridge.ops.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.concordbridge.core.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sends each request to the handler of its exact path and method; a route ending in {@code /*}
 * takes every path under it. An unknown path gets 404 and a
 * known path asked with another method 405 with {@code Allow}. GET routes only read and are open;
 * a route of any other method changes state and needs {@code Authorization: Bearer TOKEN}
 * matching the configured token (401 otherwise), and is refused (403) while no token is
 * configured. Routes are added before the server starts; thread-safe after that.
 */
public final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, Map<String, HttpHandler>> routes = new LinkedHashMap<>();
    private final Optional<Secret> token;

    /** A router whose state-changing routes need {@code token}; with none, they are refused. */
    public Router(Optional<Secret> token) {
        this.token = token.filter(t -> !t.isEmpty());
    }

    public Router get(String path, HttpHandler handler) {
        return route("GET", path, handler);
    }

    /** A state-changing route: it needs the token. */
    public Router post(String path, HttpHandler handler) {
        return route("POST", path, handler);
    }

    private Router route(String method, String path, HttpHandler handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, handler);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            dispatch(exchange);
        } catch (IOException | RuntimeException e) {
            LOG.debug("HTTP {} {} failed: {}", exchange.getRequestMethod(), exchange.getRequestURI(), e.toString());
            if (exchange.getResponseCode() == -1) {
                Replies.error(exchange, 500, "internal error; see the bridge's log");
            }
        } finally {
            exchange.close();
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, HttpHandler> byMethod = routes.get(exchange.getRequestURI().getPath());
        if (byMethod == null) {
            byMethod = underPrefix(exchange.getRequestURI().getPath());
        }
        if (byMethod == null) {
            Replies.error(exchange, 404, "no such path; try " + String.join(", ", routes.keySet()));
            return;
        }
        HttpHandler handler = byMethod.get(method);
        if (handler == null) {
            exchange.getResponseHeaders().set("Allow", String.join(", ", byMethod.keySet()));
            Replies.error(exchange, 405, method + " is not allowed here; allowed: " + String.join(", ", byMethod.keySet()));
            return;
        }
        if (!method.equals("GET")) {
            if (token.isEmpty()) {
                Replies.error(exchange, 403, "this route changes state and needs a token, and none is configured");
                return;
            }
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"), token.get())) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                Replies.error(exchange, 401, "this route changes state: send Authorization: Bearer <token>");
                return;
            }
        }
        handler.handle(exchange);
    }

    /** The routes of a {@code /prefix/*} pattern that the path falls under, or null. */
    private Map<String, HttpHandler> underPrefix(String path) {
        for (Map.Entry<String, Map<String, HttpHandler>> e : routes.entrySet()) {
            String pattern = e.getKey();
            if (pattern.endsWith("/*") && path.startsWith(pattern.substring(0, pattern.length() - 1))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Compares in constant time, so the time taken tells nothing about the token. */
    static boolean authorized(String header, Secret token) {
        String prefix = "Bearer ";
        if (header == null || !header.startsWith(prefix)) {
            return false;
        }
        byte[] given = header.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.reveal().getBytes(StandardCharsets.UTF_8));
    }
}
