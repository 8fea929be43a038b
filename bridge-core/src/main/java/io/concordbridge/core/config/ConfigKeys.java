package io.concordbridge.core.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concordbridge.core.conflict.DetectMode;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.model.TableId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Every config key of the bridge, declared once. {@link ConfigLoader} reads through these
 * declarations and {@link ConfigReference} documents them. Rules that involve several keys (unique
 * leader addresses, no table twice, queue larger than batch) are checked by the loader and stated
 * in the declarations' valid values. Immutable.
 */
public final class ConfigKeys {

    /** Schemas the server owns; neither replicated nor usable as the meta schema. */
    public static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "information_schema", "performance_schema", "sys");
    public static final int MIN_LEADERS = 2;

    private static final String NAME_REGEX = "[a-zA-Z0-9_-]{1,64}";
    private static final String IDENTIFIER_REGEX = "[a-zA-Z0-9_]{1,64}";
    private static final Check<String> NAME = Check.matches(NAME_REGEX,
            "must be 1 to 64 letters, digits, '_' or '-'");

    public static final ValueType<TableId> TABLE = ValueType.scalar("database.table", false, ConfigKeys::table);

    public static final ConfigKey<String> CLUSTER = ConfigKey.required("cluster", ValueType.STRING, NAME,
            "The cluster's name, the same in every bridge process of the cluster.");

    public static final ConfigKey<ObjectNode> LEADERS = ConfigKey.required("leaders", ValueType.MAP,
            Check.of("at least " + MIN_LEADERS + " leaders", "must name at least " + MIN_LEADERS + " leaders",
                    m -> m.size() >= MIN_LEADERS),
            "The leaders by name, each a map of the `leaders.<name>.*` keys. Their order is the default "
                    + "priority order.");
    public static final ConfigKey<String> LEADER = ConfigKey.required("leaders.<name>",
            ValueType.scalar("map, by name", false, s -> s), NAME,
            "A leader's name (`dc1`, `eu-west`); it appears in logs, metrics and conflict records.");
    public static final ConfigKey<String> HOST = ConfigKey.required("leaders.<name>.host", ValueType.STRING,
            Check.notBlank().and(Check.acrossKeys("host:port unique among leaders")),
            "The database server's host name or IP address.");
    public static final ConfigKey<Integer> PORT = ConfigKey.optional("leaders.<name>.port", ValueType.INT, 3306,
            Check.range(1, 65535), "The database server's TCP port.");
    public static final ConfigKey<String> USER = ConfigKey.required("leaders.<name>.user", ValueType.STRING,
            Check.notBlank(), "The database user: it needs replication privileges, SELECT, INSERT, UPDATE and "
                    + "DELETE on the replicated tables and all privileges on the meta schema.");
    public static final ConfigKey<String> PASSWORD = ConfigKey.optional("leaders.<name>.password", ValueType.SECRET,
            "", Check.any(), "The user's password: a literal, `${ENV_NAME}` (an environment variable) or "
                    + "`file:PATH` (the file's content without its trailing newline; a relative `PATH` is resolved "
                    + "against the working directory). Never printed.");

    public static final ConfigKey<ArrayNode> TABLES = ConfigKey.required("tables", ValueType.LIST,
            Check.of("at least 1 table", "must list at least one table", l -> !l.isEmpty()),
            "The replicated tables; each entry is `database.table` or a map of the `tables[].*` keys. "
                    + "Every leader must have them.");
    public static final ConfigKey<TableId> TABLE_NAME = ConfigKey.required("tables[].name", TABLE,
            Check.of("not in a system schema", "is in a system schema; the bridge replicates application tables",
                    (TableId t) -> !SYSTEM_SCHEMAS.contains(t.schema().toLowerCase(Locale.ROOT)))
                    .and(Check.acrossKeys("listed once; not in meta-schema")),
            "The table, `database.table`.");
    public static final ConfigKey<DetectMode> TABLE_DETECT = ConfigKey.optional("tables[].detect",
            choice("row | columns | version-column", DetectMode::parse, DetectMode::configName), DetectMode.ROW,
            Check.any(), "How a conflict is detected: `row` compares the whole current row with the change's before "
                    + "image; `columns` only the columns the change modified, so edits of different columns of a row "
                    + "merge without a conflict; `version-column` compares the application's version column.");
    public static final ConfigKey<String> TABLE_VERSION_COLUMN = ConfigKey.optional("tables[].version-column",
            ValueType.STRING, "", Check.notBlank().and(Check.acrossKeys("required with detect: version-column, "
                    + "not allowed otherwise")),
            "The application's version column (a number or timestamp it raises on every write, a re-insert "
                    + "included): the higher value wins a conflict, equal values the later stamp; a delete counts with "
                    + "the version of the row it deleted.");
    public static final ConfigKey<ResolveMode> TABLE_RESOLVE = ConfigKey.optional("tables[].resolve",
            choice("last-writer-wins | leader-priority | column-merge | manual | handler", ResolveMode::parse,
                    ResolveMode::configName), ResolveMode.LAST_WRITER_WINS, Check.any(),
            "How a conflict is resolved: `last-writer-wins` (the later stamp; with detect: version-column the higher "
                    + "version), `leader-priority` (the leader earlier in `priority`), `column-merge` (last writer "
                    + "wins per column), `manual` (a provisional last writer wins, every version stored for "
                    + "read-time resolution) or `handler` (a Groovy handler decides).");
    public static final ConfigKey<List<String>> TABLE_PRIORITY = ConfigKey.optional("tables[].priority",
            names("list of leader names"), List.of(), Check.acrossKeys("configured leaders, each once; only with "
                    + "resolve: leader-priority or handler"),
            "Leaders in priority order, best first; leaders not listed rank after all listed ones. Absent: the "
                    + "order of `leaders`.");
    public static final ConfigKey<Integer> TABLE_PRIORITY_WINDOW = ConfigKey.optional(
            "tables[].priority-window-seconds", ValueType.INT, 86400,
            Check.positive().and(Check.acrossKeys("only with resolve: leader-priority")),
            "With `leader-priority`: a concurrent version of a leader one place lower in `priority` wins only if "
                    + "written more than this many seconds later (two places: twice as long); a write always wins "
                    + "over the versions it was written on.");
    public static final ConfigKey<List<String>> TABLE_COUNTERS = ConfigKey.optional("tables[].counters",
            names("list of column names"), List.of(), Check.acrossKeys("each once; not the version-column"),
            "Numeric columns merged by adding both sides' changes (a stock count, a balance), with any `resolve`.");
    public static final ConfigKey<String> TABLE_HANDLER = ConfigKey.optional("tables[].handler", ValueType.STRING, "",
            Check.notBlank().and(Check.acrossKeys("required with resolve: handler, not allowed otherwise")),
            "The Groovy handler file (`orders.groovy`) that resolves this table's conflicts.");
    public static final ConfigKey<ResolveMode> TABLE_FALLBACK = ConfigKey.optional("tables[].fallback",
            choice("manual | last-writer-wins", ConfigKeys::fallback, ResolveMode::configName), ResolveMode.MANUAL,
            Check.acrossKeys("only with resolve: handler"),
            "What decides when the handler fails or times out.");

    public static final ConfigKey<Path> STATE_DIR = ConfigKey.optional("state-dir", ValueType.PATH, Path.of("./state"),
            Check.any(), "Where the bridge keeps its local state; a relative path is resolved against the "
                    + "working directory.");
    public static final ConfigKey<String> META_SCHEMA = ConfigKey.optional("meta-schema", ValueType.STRING, "concord",
            Check.matches(IDENTIFIER_REGEX, "must be 1 to 64 letters, digits or '_'")
                    .and(Check.of("not all digits", "must not be all digits", s -> !s.matches("[0-9]+")))
                    .and(Check.of("not a system schema", "is a system schema",
                            s -> !SYSTEM_SCHEMAS.contains(s.toLowerCase(Locale.ROOT)))),
            "The bridge's own schema on every leader (checkpoints, row versions, conflicts); never replicated.");

    public static final ConfigKey<ObjectNode> CAPTURE = section("capture", "Change-log reading tunables.");
    public static final ConfigKey<Integer> POLL_INTERVAL_MS = tunable("capture.poll-interval-ms", 50,
            "How often, in milliseconds, the capture polls for new events.");
    public static final ConfigKey<Integer> MAX_BATCH_SIZE = tunable("capture.max-batch-size", 2048,
            "Most events the capture hands over at once.");
    public static final ConfigKey<Integer> MAX_QUEUE_SIZE = ConfigKey.optional("capture.max-queue-size",
            ValueType.INT, 8192, Check.positive().and(Check.acrossKeys("> capture.max-batch-size")),
            "Events buffered between the log reader and the bridge. Each one is live heap that the garbage collector "
                    + "copies while a burst is read: the bench's W2 ran faster with 8192 than with 32768.");
    public static final ConfigKey<Integer> HEARTBEAT_INTERVAL_MS = tunable("capture.heartbeat-interval-ms", 1000,
            "How often, in milliseconds, an idle capture records its position.");

    public static final ConfigKey<ObjectNode> APPLY = section("apply", "Apply tunables.");
    public static final ConfigKey<Integer> MAX_BATCH_CHANGES = tunable("apply.max-batch-changes", 5000,
            "Most changes in one target transaction (an origin transaction is never split).");
    public static final ConfigKey<Integer> RETRY_MAX_MS = tunable("apply.retry-max-ms", 5000,
            "Longest wait, in milliseconds, between retries of a failed apply.");

    public static final ConfigKey<Integer> TOMBSTONE_RETENTION_HOURS = tunable("apply.tombstone-retention-hours", 168,
            "A deleted row's tombstone (its stamped delete, which later conflicting writes are judged against) is "
                    + "purged once it is this many hours older than the oldest origin checkpoint of its leader, so "
                    + "only a leader cut off for longer can still send a write concurrent with it.");

    public static final ConfigKey<ObjectNode> HTTP = section("http",
            "The HTTP server: `GET /metrics` (Prometheus), `GET /health/live` and `GET /health/ready`.");
    private static final ValueType<Boolean> BOOLEAN = ValueType.scalar("boolean", false, ConfigKeys::bool);
    public static final ConfigKey<Boolean> HTTP_ENABLED = ConfigKey.optional("http.enabled", BOOLEAN, true,
            Check.any(), "Whether the bridge serves HTTP at all.");
    public static final ConfigKey<String> HTTP_BIND = ConfigKey.optional("http.bind", ValueType.STRING, "127.0.0.1",
            Check.notBlank(), "The address (or host name) to listen on; `0.0.0.0` for every interface, as in a pod "
                    + "that Prometheus and the kubelet reach from outside.");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.optional("http.port", ValueType.INT, 9464,
            Check.range(0, 65535), "The TCP port; 0 picks a free one (the bound port is logged).");
    public static final ConfigKey<Integer> HTTP_READY_MAX_LAG_MS = tunable("http.ready-max-lag-ms", 30000,
            "`/health/ready` answers 503 while an origin→target pair that is still catching up was applied with "
                    + "a lag above this many milliseconds (a pair with nothing left to apply is never late).");

    public static final ConfigKey<String> HTTP_TOKEN = ConfigKey.optional("http.token", ValueType.SECRET, "",
            Check.any(), "The bearer token that state-changing admin requests (resolving a conflict) must send as "
                    + "`Authorization: Bearer <token>`: `${ENV_NAME}` or `file:PATH` as for passwords. Without one, "
                    + "those requests are refused. Never printed.");

    public static final ConfigKey<ObjectNode> HANDLERS = section("handlers",
            "The Groovy conflict handlers of tables with `resolve: handler`.");
    public static final ConfigKey<Path> HANDLERS_DIR = ConfigKey.optional("handlers.dir", ValueType.PATH,
            Path.of("./handlers"), Check.any(), "The folder holding the handler files that `tables[].handler` names; "
                    + "a relative path is resolved against the working directory. Changed files are reloaded.");
    public static final ConfigKey<Integer> HANDLERS_TIMEOUT_MS = tunable("handlers.timeout-ms", 500,
            "Longest a handler may run on one conflict, in milliseconds; then it is interrupted and the table's "
                    + "`fallback` decides.");
    public static final ConfigKey<Integer> HANDLERS_THREADS = tunable("handlers.threads", 2,
            "Handler calls that run at once.");

    public static final ConfigKey<ObjectNode> TRANSPORT = section("transport",
            "How changes travel between leaders: in-process (hub mode, one process for every leader) or Apache "
                    + "Kafka (sidecar mode, one process per leader started with `--leader NAME`).");
    public static final ConfigKey<String> TRANSPORT_KIND = ConfigKey.optional("transport.kind",
            ValueType.scalar("in-process | kafka", false, ConfigKeys::transportKind), "in-process", Check.any(),
            "`in-process`: a durable log per origin in `state-dir`; `kafka`: one topic per origin leader.");
    public static final ConfigKey<String> TRANSPORT_BOOTSTRAP = ConfigKey.optional("transport.bootstrap-servers",
            ValueType.STRING, "", Check.<String>any().and(Check.acrossKeys("required with kind: kafka")),
            "Kafka's bootstrap servers, `host:port[,host:port...]`.");
    public static final ConfigKey<String> TRANSPORT_TOPIC_PREFIX = ConfigKey.optional("transport.topic-prefix",
            ValueType.STRING, "", Check.any(), "Topics are named `<prefix>.<leader>`; default: `concord.<cluster>`.");
    public static final ConfigKey<Integer> TRANSPORT_PARTITIONS = ConfigKey.optional("transport.partitions",
            ValueType.INT, 1, Check.of("1", "must be 1: each leader's topic has exactly one partition, so the "
                    + "leader's transactions keep their commit order and each stays whole (one record)", v -> v == 1),
            "Partitions of each leader's topic: always 1 (see docs/sidecar.md); an existing topic must have 1.");
    public static final ConfigKey<Integer> TRANSPORT_REPLICATION_FACTOR = tunable("transport.replication-factor", 1,
            "Replication factor of a topic the bridge creates; an existing topic must have at least this.");

    public static final ConfigKey<ObjectNode> NOTIFY = section("notify",
            "Notifications of newly stored conflicts.");
    public static final ConfigKey<String> NOTIFY_WEBHOOK = ConfigKey.optional("notify.webhook-url", ValueType.STRING,
            "", Check.any(), "An http(s) URL that receives a JSON POST for each conflict stored for read-time "
                    + "resolution (conflict id, table, type, leader); retried with backoff. Empty: none.");
    public static final ConfigKey<Boolean> NOTIFY_INCLUDE_VALUES = ConfigKey.optional("notify.include-values",
            BOOLEAN, false, Check.any(),
            "Whether a notification also carries the key and the versions' values.");

    private static final List<ConfigKey<?>> ALL = List.of(CLUSTER, LEADERS, LEADER, HOST, PORT, USER, PASSWORD,
            TABLES, TABLE_NAME, TABLE_DETECT, TABLE_VERSION_COLUMN, TABLE_RESOLVE, TABLE_PRIORITY, TABLE_PRIORITY_WINDOW, TABLE_COUNTERS,
            TABLE_HANDLER, TABLE_FALLBACK, STATE_DIR, META_SCHEMA, CAPTURE, POLL_INTERVAL_MS, MAX_BATCH_SIZE, MAX_QUEUE_SIZE,
            HEARTBEAT_INTERVAL_MS, APPLY, MAX_BATCH_CHANGES, RETRY_MAX_MS, TOMBSTONE_RETENTION_HOURS,
            HTTP, HTTP_ENABLED, HTTP_BIND, HTTP_PORT, HTTP_READY_MAX_LAG_MS, HTTP_TOKEN,
            HANDLERS, HANDLERS_DIR, HANDLERS_TIMEOUT_MS, HANDLERS_THREADS,
            TRANSPORT, TRANSPORT_KIND, TRANSPORT_BOOTSTRAP, TRANSPORT_TOPIC_PREFIX, TRANSPORT_PARTITIONS,
            TRANSPORT_REPLICATION_FACTOR, NOTIFY, NOTIFY_WEBHOOK, NOTIFY_INCLUDE_VALUES);

    private ConfigKeys() {
    }

    /** Every key, in reference order. */
    public static List<ConfigKey<?>> all() {
        return ALL;
    }

    /** The keys a map at {@code parent} may hold ({@code ""} for the top level, {@code leaders.<name>}). */
    public static Set<String> childrenOf(String parent) {
        Set<String> names = new LinkedHashSet<>();
        for (ConfigKey<?> k : ALL) {
            if (k.parent().equals(parent) && !k.leaf().startsWith("<")) {
                names.add(k.leaf());
            }
        }
        return names;
    }

    private static ConfigKey<Integer> tunable(String name, int defaultValue, String description) {
        return ConfigKey.optional(name, ValueType.INT, defaultValue, Check.positive(), description);
    }

    private static ConfigKey<ObjectNode> section(String name, String description) {
        return ConfigKey.optional(name, ValueType.MAP, JsonNodeFactory.instance.objectNode(), Check.any(),
                description);
    }

    /** One of fixed names, shown in the reference by its config name. */
    private static <T> ValueType<T> choice(String name, Function<String, T> parse, Function<T, String> show) {
        ValueType<T> scalar = ValueType.scalar(name, false, parse);
        return new ValueType<>(name, false, scalar.parser(), show);
    }

    private static ResolveMode fallback(String text) {
        for (ResolveMode m : List.of(ResolveMode.MANUAL, ResolveMode.LAST_WRITER_WINS)) {
            if (m.configName().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("must be " + ResolveMode.MANUAL.configName() + " or "
                + ResolveMode.LAST_WRITER_WINS.configName());
    }

    /** A list of names, such as {@code [dc1, dc2]}: each a single value, not blank. */
    private static ValueType<List<String>> names(String name) {
        return new ValueType<>(name, false, node -> {
            if (!node.isArray()) {
                throw new IllegalArgumentException("must be a list, such as [a, b]");
            }
            List<String> names = new ArrayList<>();
            node.forEach(e -> {
                if (!e.isValueNode() || e.isNull() || e.asText().isBlank()) {
                    throw new IllegalArgumentException("must be a list of names, each a single, non-blank value");
                }
                names.add(e.asText());
            });
            return List.copyOf(names);
        }, l -> String.join(", ", l));
    }

    private static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        };
    }

    private static String transportKind(String text) {
        if (!text.equals("in-process") && !text.equals("kafka")) {
            throw new IllegalArgumentException("must be in-process or kafka");
        }
        return text;
    }

    private static TableId table(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 2 || !isTablePart(parts[0]) || !isTablePart(parts[1])) {
            throw new IllegalArgumentException("must be database.table (each part 1 to 64 characters, no '.' or '`')");
        }
        return new TableId(parts[0], parts[1]);
    }

    private static boolean isTablePart(String s) {
        return !s.isEmpty() && s.length() <= 64 && s.equals(s.strip()) && s.indexOf('`') < 0;
    }
}
