package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.apply.mariadb.HandlerDispatch;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.TableConfig;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.core.conflict.ResolveMode;
import io.concordbridge.core.model.TableId;
import io.concordbridge.handlers.host.GroovyHandlers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Groovy handlers of the tables with {@code resolve: handler}: one host for the process, every
 * handler file compiled before anything starts (a file that does not compile or breaks the sandbox
 * stops start-up, naming file, line and column), and a dispatch per served leader. Stateless.
 */
final class HandlerWiring {

    private HandlerWiring() {
    }

    /**
     * Starts the host and the dispatches, adding them to {@code closeables} in the order they should
     * close (dispatches first); empty when no table has a handler.
     */
    static Map<String, HandlerDispatch> start(BridgeConfig config, List<String> served, ConflictObserver observer,
                                              List<AutoCloseable> closeables) {
        Map<TableId, TableConfig> handled = config.tables().stream().filter(t -> t.resolve() == ResolveMode.HANDLER)
                .collect(Collectors.toMap(TableConfig::id, t -> t, (a, b) -> a, LinkedHashMap::new));
        if (handled.isEmpty()) {
            return Map.of();
        }
        GroovyHandlers host = new GroovyHandlers(config.handlers());
        closeables.add(host);
        try {
            handled.values().forEach(t -> host.require(t.handler()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("handler of " + handledBy(handled, e) + "does not load: " + e.getMessage()
                    + "; fix it in " + config.handlers().dir().toAbsolutePath(), e);
        }
        long waitMillis = 2L * config.handlers().timeoutMs() + 5_000;
        Map<String, HandlerDispatch> dispatches = new LinkedHashMap<>();
        for (String leader : served) {
            HandlerDispatch d = new HandlerDispatch(config.leaders().get(leader), config.metaSchema(), host, handled,
                    waitMillis, observer);
            dispatches.put(leader, d);
            closeables.add(closeables.indexOf(host), d);
        }
        return dispatches;
    }

    private static String handledBy(Map<TableId, TableConfig> handled, IllegalArgumentException e) {
        for (TableConfig t : handled.values()) {
            if (e.getMessage() != null && e.getMessage().contains(t.handler())) {
                return t.id() + " ";
            }
        }
        return "";
    }
}
