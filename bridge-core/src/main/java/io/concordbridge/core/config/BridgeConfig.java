package io.concordbridge.core.config;

import io.concordbridge.core.conflict.TablePolicy;
import io.concordbridge.core.model.TableId;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole validated configuration. Immutable.
 *
 * @param cluster    the cluster's name
 * @param leaders    the leaders in configured order (the order is the default priority)
 * @param tables     the replicated tables
 * @param stateDir   where the bridge keeps its local state (the in-process transport's logs)
 * @param metaSchema the bridge's own schema on every leader
 * @param capture    change-log reading tunables
 * @param apply      apply tunables
 * @param http       the HTTP server for metrics and health checks
 */
public record BridgeConfig(String cluster, Map<String, LeaderConfig> leaders, List<TableConfig> tables,
                           Path stateDir, String metaSchema, CaptureConfig capture, ApplyConfig apply,
                           HttpConfig http, HandlersConfig handlers, TransportConfig transport, NotifyConfig notifications) {

    public BridgeConfig {
        handlers = handlers == null ? HandlersConfig.defaults() : handlers;
        transport = transport == null ? TransportConfig.inProcess(cluster) : transport;
        notifications = notifications == null ? NotifyConfig.none() : notifications;
        leaders = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(leaders));
        tables = List.copyOf(tables);
    }

    /** Hub mode's shape, with default handlers, the in-process transport and no notifications. */
    public BridgeConfig(String cluster, Map<String, LeaderConfig> leaders, List<TableConfig> tables, Path stateDir,
                        String metaSchema, CaptureConfig capture, ApplyConfig apply, HttpConfig http) {
        this(cluster, leaders, tables, stateDir, metaSchema, capture, apply, http, null, null, null);
    }

    /** Each replicated table's detection and resolution settings. */
    public Map<TableId, TablePolicy> policies() {
        Map<TableId, TablePolicy> result = new java.util.LinkedHashMap<>();
        tables.forEach(t -> result.put(t.id(), t.policy()));
        return result;
    }

    public Optional<LeaderConfig> leader(String name) {
        return Optional.ofNullable(leaders.get(name));
    }
}
