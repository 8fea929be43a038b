package io.concordbridge.ops.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpHandler;

import java.util.List;

/** The handlers of {@code /health/live} and {@code /health/ready}. Stateless. */
final class HealthHandlers {

    private HealthHandlers() {
    }

    /** 200 while the process can answer at all. */
    static HttpHandler live() {
        return exchange -> Replies.json(exchange, 200, Replies.object().put("status", "live"));
    }

    /** 200 when ready; 503 naming each leader, role or pair that is not. */
    static HttpHandler ready(Readiness readiness) {
        return exchange -> {
            List<Readiness.NotReady> problems = readiness.check();
            ObjectNode body = Replies.object().put("status", problems.isEmpty() ? "ready" : "not ready");
            ArrayNode leaders = body.putArray("leaders");
            readiness.leaders().forEach(leaders::add);
            if (!problems.isEmpty()) {
                ArrayNode list = body.putArray("not_ready");
                problems.forEach(p -> list.add(json(p)));
            }
            Replies.json(exchange, problems.isEmpty() ? 200 : 503, body);
        };
    }

    private static ObjectNode json(Readiness.NotReady p) {
        ObjectNode o = Replies.object();
        if (p.leader() != null) {
            o.put("leader", p.leader()).put("role", p.role()).put("state", p.state());
        } else {
            o.put("origin", p.origin()).put("target", p.target()).put("lag_ms", p.lagMs());
        }
        return o.put("reason", p.reason());
    }
}
