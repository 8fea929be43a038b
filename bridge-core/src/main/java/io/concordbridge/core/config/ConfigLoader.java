package io.concordbridge.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.concordbridge.core.conflict.DetectMode;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.model.TableId;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.concordbridge.core.config.ConfigKeys.*;

/**
 * Reads a YAML config file into a validated {@link BridgeConfig}, through the declarations of
 * {@link ConfigKeys}. Every problem is collected and reported together in one
 * {@link ConfigException}, each shaped {@code key=value: reason} ({@code key: reason} when the value
 * is absent, a map or a list, or a secret). A problem never contains a secret value.
 * Thread-safe: each call works on its own state.
 */
public final class ConfigLoader {

    private final Map<String, String> env;
    private final Problems problems = new Problems();

    private ConfigLoader(Map<String, String> env) {
        this.env = Objects.requireNonNull(env, "env");
    }

    /** Loads {@code file}, resolving {@code ${ENV_NAME}} secrets from the process environment. */
    public static BridgeConfig load(Path file) {
        return load(file, System.getenv());
    }

    /** Loads {@code file}, resolving {@code ${ENV_NAME}} secrets from {@code env}. */
    public static BridgeConfig load(Path file, Map<String, String> env) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of("cannot read config file " + file.toAbsolutePath() + ": " + e));
        }
        return parse(file.toString(), yaml, env);
    }

    /** Reads the YAML text {@code yaml}; {@code source} names it in messages (a file name). */
    public static BridgeConfig parse(String source, String yaml, Map<String, String> env) {
        ConfigLoader loader = new ConfigLoader(env);
        JsonNode root = YamlTree.read(source, yaml, loader.problems);
        return loader.bridge(source, root);
    }

    private BridgeConfig bridge(String source, JsonNode root) {
        if (!root.isObject()) {
            throw new ConfigException(List.of(source + ": must be a YAML map of the keys "
                    + String.join(", ", childrenOf(""))));
        }
        rejectUnknown(root, "", "");
        String cluster = CLUSTER.read(root, "", problems);
        String metaSchema = META_SCHEMA.read(root, "", problems);
        Map<String, LeaderConfig> leaders = leaders(root.get(LEADERS.name()));
        List<TableConfig> tables = tables(root.get(TABLES.name()), metaSchema, leaderNames(root.get(LEADERS.name())));
        Path stateDir = STATE_DIR.read(root, "", problems);
        CaptureConfig capture = capture(section(CAPTURE, root));
        ApplyConfig apply = apply(section(APPLY, root));
        HttpConfig http = http(section(HTTP, root));
        HandlersConfig handlers = handlers(section(HANDLERS, root));
        TransportConfig transport = transport(section(TRANSPORT, root), cluster);
        NotifyConfig notify = notify(section(NOTIFY, root));
        problems.throwIfAny(source);
        return new BridgeConfig(cluster, leaders, tables, stateDir, metaSchema, capture, apply, http, handlers,
                transport, notify);
    }

    private Map<String, LeaderConfig> leaders(JsonNode node) {
        Map<String, LeaderConfig> leaders = new LinkedHashMap<>();
        LEADERS.readValue(node, LEADERS.name(), problems);
        if (!(node instanceof ObjectNode map)) {
            return leaders;
        }
        Map<String, String> addresses = new HashMap<>();
        map.fields().forEachRemaining(e -> {
            LeaderConfig leader = leader(e.getKey(), e.getValue());
            if (leader == null) {
                return;
            }
            String address = leader.host().toLowerCase(Locale.ROOT) + ":" + leader.port();
            String other = addresses.putIfAbsent(address, leader.name());
            if (other != null) {
                problems.add("leaders." + leader.name(), "has the same host and port as leaders." + other + " ("
                        + leader.host() + ":" + leader.port() + "); every leader is a server of its own");
            }
            leaders.put(leader.name(), leader);
        });
        return leaders;
    }

    private LeaderConfig leader(String name, JsonNode node) {
        String path = "leaders." + name;
        boolean named = LEADER.validate(name, path, null, problems);
        if (node == null || !node.isObject()) {
            problems.add(path, "must be a map of the keys " + String.join(", ", childrenOf(LEADER.name())));
            return null;
        }
        rejectUnknown(node, path, LEADER.name());
        String host = HOST.read(node, path, problems);
        Integer port = PORT.read(node, path, problems);
        String user = USER.read(node, path, problems);
        Secret password = secret(PASSWORD.read(node, path, problems), Problems.path(path, PASSWORD.leaf()));
        if (!named || host == null || port == null || user == null || password == null) {
            return null;
        }
        return new LeaderConfig(name, host, port, user, password);
    }

    private Secret secret(String reference, String path) {
        if (reference == null) {
            return null;
        }
        try {
            return SecretReference.resolve(reference, env);
        } catch (IllegalArgumentException e) {
            problems.add(path, e.getMessage());
            return null;
        }
    }

    /** The leader names as written, in order, even when a leader has problems: priority lists are checked against them. */
    private static List<String> leaderNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        if (node instanceof ObjectNode map) {
            map.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private List<TableConfig> tables(JsonNode node, String metaSchema, List<String> leaders) {
        List<TableConfig> tables = new ArrayList<>();
        TABLES.readValue(node, TABLES.name(), problems);
        if (node == null || !node.isArray()) {
            return tables;
        }
        Map<TableId, String> seen = new HashMap<>();
        for (int i = 0; i < node.size(); i++) {
            String path = "tables[" + i + "]";
            JsonNode entry = node.get(i);
            String valuePath = entry.isObject() ? Problems.path(path, TABLE_NAME.leaf()) : path;
            TableId id;
            TableConfig table;
            if (entry.isObject()) {
                rejectUnknown(entry, path, TABLE_NAME.parent());
                id = TABLE_NAME.read(entry, path, problems);
                table = id == null ? null : table(id, entry, path, leaders);
            } else {
                id = TABLE_NAME.readValue(entry, path, problems);
                table = id == null ? null : new TableConfig(id);
            }
            if (id == null) {
                continue;
            }
            String first = seen.putIfAbsent(id, valuePath);
            if (first != null) {
                problems.add(valuePath, id.toString(), "is listed twice (also " + first + ")");
            } else if (metaSchema != null && id.schema().equalsIgnoreCase(metaSchema)) {
                problems.add(valuePath, id.toString(), "is in the meta schema " + metaSchema
                        + ", which belongs to the bridge; replicate application tables or choose another meta-schema");
            } else if (table != null) {
                tables.add(table);
            }
        }
        return tables;
    }

    /** A table entry's detection and resolution, or null after adding its problems. */
    private TableConfig table(TableId id, JsonNode entry, String path, List<String> leaders) {
        DetectMode detect = TABLE_DETECT.read(entry, path, problems);
        String versionColumn = TABLE_VERSION_COLUMN.read(entry, path, problems);
        ResolveMode resolve = TABLE_RESOLVE.read(entry, path, problems);
        List<String> priority = TABLE_PRIORITY.read(entry, path, problems);
        List<String> counters = TABLE_COUNTERS.read(entry, path, problems);
        String handler = TABLE_HANDLER.read(entry, path, problems);
        ResolveMode fallback = TABLE_FALLBACK.read(entry, path, problems);
        Integer window = TABLE_PRIORITY_WINDOW.read(entry, path, problems);
        if (detect == null || versionColumn == null || resolve == null || priority == null || counters == null
                || handler == null || fallback == null || window == null) {
            return null;
        }
        boolean valid = versionColumn(entry, path, detect, versionColumn)
                & priority(entry, path, resolve, priority, leaders)
                & window(entry, path, resolve, window)
                & counters(path, counters, versionColumn)
                & handler(entry, path, resolve, handler);
        if (!valid) {
            return null;
        }
        boolean ranked = resolve == ResolveMode.LEADER_PRIORITY || resolve == ResolveMode.HANDLER;
        return new TableConfig(id, detect, versionColumn.isEmpty() ? null : versionColumn, resolve,
                ranked && priority.isEmpty() ? leaders : priority, new LinkedHashSet<>(counters),
                handler.isEmpty() ? null : handler, fallback, Duration.ofSeconds(window));
    }

    private boolean versionColumn(JsonNode entry, String path, DetectMode detect, String column) {
        String at = Problems.path(path, TABLE_VERSION_COLUMN.leaf());
        if (detect == DetectMode.VERSION_COLUMN && !given(entry, TABLE_VERSION_COLUMN.leaf())) {
            problems.add(at, "is required with " + TABLE_DETECT.leaf() + ": " + detect.configName());
            return false;
        }
        if (detect != DetectMode.VERSION_COLUMN && given(entry, TABLE_VERSION_COLUMN.leaf())) {
            problems.add(at, column, "is only used with " + TABLE_DETECT.leaf() + ": "
                    + DetectMode.VERSION_COLUMN.configName() + " (this table detects by " + detect.configName() + ")");
            return false;
        }
        return true;
    }

    private boolean priority(JsonNode entry, String path, ResolveMode resolve, List<String> priority,
                             List<String> leaders) {
        if (!given(entry, TABLE_PRIORITY.leaf())) {
            return true;
        }
        String at = Problems.path(path, TABLE_PRIORITY.leaf());
        if (resolve != ResolveMode.LEADER_PRIORITY && resolve != ResolveMode.HANDLER) {
            problems.add(at, "is only used with " + TABLE_RESOLVE.leaf() + ": "
                    + ResolveMode.LEADER_PRIORITY.configName() + " or " + ResolveMode.HANDLER.configName()
                    + " (this table resolves by " + resolve.configName() + ")");
            return false;
        }
        if (priority.isEmpty()) {
            problems.add(at, "must name at least one leader; leave it out for the order of leaders");
            return false;
        }
        boolean valid = once(at, priority);
        for (String name : new LinkedHashSet<>(priority)) {
            if (!leaders.isEmpty() && !leaders.contains(name)) {
                problems.add(at, "names " + name + ", which is not a configured leader; leaders: "
                        + String.join(", ", leaders));
                valid = false;
            }
        }
        return valid;
    }

    private boolean window(JsonNode entry, String path, ResolveMode resolve, int seconds) {
        if (given(entry, TABLE_PRIORITY_WINDOW.leaf()) && resolve != ResolveMode.LEADER_PRIORITY) {
            problems.add(Problems.path(path, TABLE_PRIORITY_WINDOW.leaf()), String.valueOf(seconds), "is only used with "
                    + TABLE_RESOLVE.leaf() + ": " + ResolveMode.LEADER_PRIORITY.configName() + " (this table resolves by "
                    + resolve.configName() + ")");
            return false;
        }
        return true;
    }

    private boolean counters(String path, List<String> counters, String versionColumn) {
        String at = Problems.path(path, TABLE_COUNTERS.leaf());
        boolean valid = once(at, counters);
        if (!versionColumn.isEmpty() && counters.contains(versionColumn)) {
            problems.add(at, "names " + versionColumn + ", the " + TABLE_VERSION_COLUMN.leaf()
                    + "; a version cannot be merged by adding");
            valid = false;
        }
        return valid;
    }

    private boolean handler(JsonNode entry, String path, ResolveMode resolve, String handler) {
        boolean valid = true;
        if (resolve == ResolveMode.HANDLER && !given(entry, TABLE_HANDLER.leaf())) {
            problems.add(Problems.path(path, TABLE_HANDLER.leaf()), "is required with " + TABLE_RESOLVE.leaf() + ": "
                    + ResolveMode.HANDLER.configName());
            valid = false;
        }
        for (ConfigKey<?> k : List.of(TABLE_HANDLER, TABLE_FALLBACK)) {
            if (resolve != ResolveMode.HANDLER && given(entry, k.leaf())) {
                problems.add(Problems.path(path, k.leaf()), entry.get(k.leaf()).asText(), "is only used with "
                        + TABLE_RESOLVE.leaf() + ": " + ResolveMode.HANDLER.configName());
                valid = false;
            }
        }
        return valid;
    }

    /** Whether {@code map} holds {@code key} with a value (a YAML null counts as absent, as for every key). */
    private static boolean given(JsonNode map, String key) {
        JsonNode v = map.get(key);
        return v != null && !v.isNull();
    }

    /** Reports each name listed more than once at {@code path}. */
    private boolean once(String path, List<String> names) {
        Set<String> seen = new HashSet<>();
        boolean valid = true;
        for (String name : names) {
            if (!seen.add(name)) {
                problems.add(path, "names " + name + " twice");
                valid = false;
            }
        }
        return valid;
    }

    /** The section's map (empty when absent), after reporting its unknown keys. */
    private JsonNode section(ConfigKey<ObjectNode> key, JsonNode root) {
        ObjectNode section = key.read(root, "", problems);
        if (section != null) {
            rejectUnknown(section, key.name(), key.name());
        }
        return section;
    }

    private CaptureConfig capture(JsonNode section) {
        String at = CAPTURE.name();
        Integer poll = POLL_INTERVAL_MS.read(section, at, problems);
        Integer batch = MAX_BATCH_SIZE.read(section, at, problems);
        Integer queue = MAX_QUEUE_SIZE.read(section, at, problems);
        Integer heartbeat = HEARTBEAT_INTERVAL_MS.read(section, at, problems);
        if (batch != null && queue != null && queue <= batch) {
            problems.add(MAX_QUEUE_SIZE.name(), queue.toString(),
                    "must be larger than " + MAX_BATCH_SIZE.name() + " (" + batch + ")");
            return null;
        }
        if (poll == null || batch == null || queue == null || heartbeat == null) {
            return null;
        }
        return new CaptureConfig(poll, batch, queue, heartbeat);
    }

    private ApplyConfig apply(JsonNode section) {
        Integer batch = MAX_BATCH_CHANGES.read(section, APPLY.name(), problems);
        Integer retry = RETRY_MAX_MS.read(section, APPLY.name(), problems);
        Integer tombstones = TOMBSTONE_RETENTION_HOURS.read(section, APPLY.name(), problems);
        return batch == null || retry == null || tombstones == null ? null
                : new ApplyConfig(batch, retry, tombstones);
    }

    private HttpConfig http(JsonNode section) {
        String at = HTTP.name();
        Boolean enabled = HTTP_ENABLED.read(section, at, problems);
        String bind = HTTP_BIND.read(section, at, problems);
        Integer port = HTTP_PORT.read(section, at, problems);
        Integer readyMaxLag = HTTP_READY_MAX_LAG_MS.read(section, at, problems);
        Secret token = secret(HTTP_TOKEN.read(section, at, problems), HTTP_TOKEN.name());
        if (enabled == null || bind == null || port == null || readyMaxLag == null) {
            return null;
        }
        return new HttpConfig(enabled, bind.strip(), port, readyMaxLag, token);
    }

    private HandlersConfig handlers(JsonNode section) {
        String at = HANDLERS.name();
        Path dir = HANDLERS_DIR.read(section, at, problems);
        Integer timeout = HANDLERS_TIMEOUT_MS.read(section, at, problems);
        Integer threads = HANDLERS_THREADS.read(section, at, problems);
        return dir == null || timeout == null || threads == null ? null : new HandlersConfig(dir, timeout, threads);
    }

    private TransportConfig transport(JsonNode section, String cluster) {
        String at = TRANSPORT.name();
        String kind = TRANSPORT_KIND.read(section, at, problems);
        String servers = TRANSPORT_BOOTSTRAP.read(section, at, problems);
        String prefix = TRANSPORT_TOPIC_PREFIX.read(section, at, problems);
        Integer partitions = TRANSPORT_PARTITIONS.read(section, at, problems);
        Integer replication = TRANSPORT_REPLICATION_FACTOR.read(section, at, problems);
        if (kind == null || servers == null || prefix == null || partitions == null || replication == null) {
            return null;
        }
        TransportConfig.Kind k = kind.equals("kafka") ? TransportConfig.Kind.KAFKA : TransportConfig.Kind.IN_PROCESS;
        if (k == TransportConfig.Kind.KAFKA && servers.isBlank()) {
            problems.add(TRANSPORT_BOOTSTRAP.name(), "is required with " + TRANSPORT_KIND.name() + ": kafka");
            return null;
        }
        String p = prefix.isBlank() ? "concord." + (cluster == null ? "" : cluster) : prefix.strip();
        return new TransportConfig(k, servers.strip(), p, partitions, replication);
    }

    private NotifyConfig notify(JsonNode section) {
        String url = NOTIFY_WEBHOOK.read(section, NOTIFY.name(), problems);
        Boolean values = NOTIFY_INCLUDE_VALUES.read(section, NOTIFY.name(), problems);
        if (url == null || values == null) {
            return null;
        }
        if (!url.isBlank() && !url.startsWith("http://") && !url.startsWith("https://")) {
            problems.add(NOTIFY_WEBHOOK.name(), url, "must be an http:// or https:// URL");
            return null;
        }
        return new NotifyConfig(url.strip(), values);
    }

    /** Reports each key of {@code map} (at {@code path}) that the declarations under {@code declared} do not know. */
    private void rejectUnknown(JsonNode map, String path, String declared) {
        Set<String> known = childrenOf(declared);
        map.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                problems.add(Problems.path(path, name), "is not a known key" + KeySuggestion.of(name, known)
                        + "; known keys: " + String.join(", ", known));
            }
        });
    }
}
