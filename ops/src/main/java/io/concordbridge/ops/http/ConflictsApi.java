package io.concordbridge.ops.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.concordbridge.client.ConflictClient;
import io.concordbridge.client.ConflictException;
import io.concordbridge.client.ConflictQuery;
import io.concordbridge.client.Resolved;
import io.concordbridge.client.StoredConflict;
import io.concordbridge.ops.conflicts.ConflictJson;
import io.concordbridge.ops.conflicts.LeaderConflicts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The conflicts admin API, on the leader named by {@code ?leader=} (default: the first configured):
 * <ul>
 *   <li>{@code GET /conflicts?table=&key=&type=&min-age-s=&after=&limit=}: a page of open conflicts;
 *       {@code next} is the {@code after} of the next page;</li>
 *   <li>{@code GET /conflicts/ID}: one open conflict with every version;</li>
 *   <li>{@code POST /conflicts/ID/resolve} with {@code {"take": "dc2"}}, {@code {"row": {...}}} or
 *       {@code {"delete": true}} and optional {@code "by"}, {@code "note"}: resolves it (the token is
 *       required, see {@link Router}).</li>
 * </ul>
 * Errors: 400 for a bad request, 404 for an unknown conflict or leader, 409 for one already
 * resolved, 503 when the leader cannot be reached. Stateless.
 */
public final class ConflictsApi {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictsApi.class);
    private static final int MAX_BODY = 1 << 20;

    private final LeaderConflicts leaders;

    public ConflictsApi(LeaderConflicts leaders) {
        this.leaders = leaders;
    }

    /** Adds the routes to {@code router}. */
    public void routes(Router router) {
        router.get("/conflicts", this::list).get("/conflicts/*", this::show).post("/conflicts/*", this::resolve);
    }

    private void list(HttpExchange ex) throws IOException {
        answer(ex, () -> {
            Map<String, String> q = query(ex);
            ConflictClient client = client(q);
            ConflictQuery query = ConflictQuery.all().withTable(q.get("table")).withRowKey(q.get("key"))
                    .withType(q.get("type")).after(q.get("after"))
                    .withLimit(number(q, "limit", ConflictQuery.DEFAULT_LIMIT));
            if (q.containsKey("min-age-s")) {
                query = query.withMinAge(Duration.ofSeconds(number(q, "min-age-s", 0)));
            }
            List<StoredConflict> page = client.list(query);
            Replies.json(ex, 200, ConflictJson.page(client.leader(), page, query.limit()));
        });
    }

    private void show(HttpExchange ex) throws IOException {
        answer(ex, () -> {
            String[] parts = parts(ex);
            if (parts.length != 1) {
                throw invalid("GET /conflicts/ID shows one conflict");
            }
            ConflictClient client = client(query(ex));
            StoredConflict c = client.show(parts[0]).orElseThrow(() -> new ConflictException(
                    ConflictException.Reason.NOT_FOUND, "no open conflict " + parts[0] + " on " + client.leader()));
            Replies.json(ex, 200, ConflictJson.conflict(c));
        });
    }

    private void resolve(HttpExchange ex) throws IOException {
        answer(ex, () -> {
            String[] parts = parts(ex);
            if (parts.length != 2 || !parts[1].equals("resolve")) {
                throw invalid("POST /conflicts/ID/resolve resolves one conflict");
            }
            JsonNode body = ConflictJson.parse(body(ex));
            ConflictClient client = client(query(ex));
            String by = body.hasNonNull("by") ? body.get("by").asText() : "http";
            String note = body.hasNonNull("note") ? body.get("note").asText() : "";
            Resolved r = client.resolve(parts[0], ConflictJson.choice(body), by, note);
            LOG.info("conflict {} resolved over HTTP at {} by {}", parts[0], client.leader(), by);
            Replies.json(ex, 200, ConflictJson.resolved(client.leader(), r));
        });
    }

    private interface Action {
        void run() throws IOException, SQLException;
    }

    private static void answer(HttpExchange ex, Action action) throws IOException {
        try {
            action.run();
        } catch (ConflictException e) {
            int status = switch (e.reason()) {
                case NOT_FOUND -> 404;
                case ALREADY_RESOLVED -> 409;
                case INVALID -> 400;
            };
            Replies.error(ex, status, e.getMessage());
        } catch (UnknownLeader e) {
            Replies.error(ex, 404, e.getMessage());
        } catch (SQLException e) {
            Replies.error(ex, 503, "the leader could not be read or written: " + e.getMessage());
        }
    }

    private ConflictClient client(Map<String, String> q) {
        try {
            return leaders.of(q.get("leader"));
        } catch (IllegalArgumentException e) {
            throw new UnknownLeader(e.getMessage());
        }
    }

    private static final class UnknownLeader extends RuntimeException {
        UnknownLeader(String message) {
            super(message);
        }
    }

    private static String[] parts(HttpExchange ex) {
        String rest = ex.getRequestURI().getPath().substring("/conflicts/".length());
        return rest.isEmpty() ? new String[0] : rest.split("/");
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!v.isEmpty()) {
                out.put(k, v);
            }
        }
        return out;
    }

    private static int number(Map<String, String> q, String name, int otherwise) {
        String v = q.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid(name + "=" + v + ": must be a whole number");
        }
    }

    private static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw invalid("the body is larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static ConflictException invalid(String message) {
        return new ConflictException(ConflictException.Reason.INVALID, message);
    }
}
