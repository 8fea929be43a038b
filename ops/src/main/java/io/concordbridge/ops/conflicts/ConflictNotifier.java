package io.concordbridge.ops.conflicts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concordbridge.core.config.NotifyConfig;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowJson;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * POSTs a JSON notification to the configured webhook for each newly stored conflict:
 * {@code {"event": "conflict_stored", "conflict_id", "table", "type", "policy", "leader"}}, plus the
 * key and both versions only with {@code notify.include-values}. Every leader that meets a conflict
 * stores it; only one notifies (the first, in the configured order, of the leaders whose versions
 * conflict), so an application hears of each conflict once. Delivery is retried with backoff (1 s
 * doubling to 60 s, 8 attempts) on a thread of its own, never holding up the apply; what still
 * fails is logged and counted. Thread-safe.
 */
public final class ConflictNotifier implements ConflictObserver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictNotifier.class);
    static final int ATTEMPTS = 8;

    private final URI url;
    private final boolean includeValues;
    private final List<String> leaders;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ThreadPoolExecutor sender;
    private final Counter sent;
    private volatile boolean closed;

    public ConflictNotifier(NotifyConfig config, List<String> leaders) {
        this.url = URI.create(config.webhook().orElseThrow());
        this.includeValues = config.includeValues();
        this.leaders = List.copyOf(leaders);
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "conflict-notifier");
            t.setDaemon(true);
            return t;
        }, (r, pool) -> LOG.warn("conflict notifications are queued 10,000 deep; one was dropped"));
        this.sent = Counter.builder()
                .name("concord_notifications_total")
                .help("Webhook notifications of stored conflicts, by result: delivered, or failed after every retry.")
                .labelNames("result")
                .build();
        sent.initLabelValues("delivered");
        sent.initLabelValues("failed");
    }

    public void register(PrometheusRegistry registry) {
        registry.register(sent);
    }

    @Override
    public void decided(String leader, Conflict conflict, Decision decision) {
        if (decision.store() && notifiesHere(leader, conflict)) {
            String body = body(leader, conflict, decision).toString();
            sender.execute(() -> deliver(conflict.conflictId(), body));
        }
    }

    /** The first, in the configured order, of the leaders whose versions conflict. */
    boolean notifiesHere(String leader, Conflict c) {
        return leader.equals(c.decidingLeader(leaders, leader));
    }

    ObjectNode body(String leader, Conflict c, Decision d) {
        ObjectNode o = ConflictJson.mapper().createObjectNode();
        o.put("event", "conflict_stored");
        o.put("conflict_id", c.conflictId());
        o.put("table", c.table().toString());
        o.put("type", c.type().storageName());
        o.put("policy", d.policy());
        o.put("leader", leader);
        if (includeValues) {
            o.set("key", ConflictJson.mapper().valueToTree(c.key().values().stream().map(String::valueOf).toList()));
            o.set("local", version(c.local()));
            o.set("remote", version(c.remote()));
        }
        return o;
    }

    private static ObjectNode version(Version v) {
        ObjectNode o = ConflictJson.mapper().createObjectNode();
        o.put("leader", v.leader());
        o.set("row", ConflictJson.parse(v.row() == null ? "null" : RowJson.write(v.row())));
        return o;
    }

    private void deliver(String conflictId, String body) {
        long backoff = 1000;
        for (int attempt = 1; attempt <= ATTEMPTS && !closed; attempt++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    sent.labelValues("delivered").inc();
                    return;
                }
                LOG.debug("webhook answered {} for conflict {} (attempt {})", r.statusCode(), conflictId, attempt);
            } catch (java.io.IOException e) {
                LOG.debug("webhook unreachable for conflict {} (attempt {}): {}", conflictId, attempt, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(60_000, backoff * 2);
        }
        sent.labelValues("failed").inc();
        LOG.warn("the notification of conflict {} could not be delivered to the webhook after {} attempts", conflictId,
                ATTEMPTS);
    }

    @Override
    public void close() {
        closed = true;
        sender.shutdownNow();
    }
}
