package io.concordbridge.ops.handlers;

import io.concordbridge.client.ConflictClient;
import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.HandlersConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.handlers.host.GroovyHandlers;
import io.concordbridge.ops.cli.CommandFailure;
import io.concordbridge.ops.cli.ConfigOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code bridge handlers replay FILE --config bridge.yaml}: a dry run of a handler (a new version, or
 * one for a table that has none yet) against the conflicts a leader recorded: each is rebuilt as it
 * was met there, the handler decides it, and every conflict where the row it would leave differs
 * from the row that was left is printed. Writes nothing. Exit 0 when nothing differs, 1 otherwise,
 * 2 when the handler does not compile or the leader cannot be read.
 */
@Command(name = "replay", description = "Re-run a handler on recorded conflicts and print where it decides differently.")
public final class HandlerReplayCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "FILE", description = "the handler file (.groovy)")
    Path file;

    @Option(names = "--leader", paramLabel = "NAME", description = "whose history (default: the first leader)")
    String leader;

    @Option(names = "--table", paramLabel = "DB.TABLE", description = "only this table's conflicts")
    String table;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "the latest N conflicts")
    int limit;

    @Override
    public Integer call() throws Exception {
        BridgeConfig cfg = config.load();
        String name = leader == null ? cfg.leaders().keySet().iterator().next() : leader;
        LeaderConfig l = cfg.leaders().get(name);
        if (l == null) {
            throw new CommandFailure("no leader named '" + name + "'; leaders: " + cfg.leaders().keySet(), 2);
        }
        Path abs = file.toAbsolutePath();
        PrintWriter out = spec.commandLine().getOut();
        int timeout = cfg.handlers().timeoutMs();
        try (GroovyHandlers handlers = new GroovyHandlers(new HandlersConfig(abs.getParent(), timeout, 1));
             Connection c = MariaDbConnections.open(l, MariaDbConnections.COMMON)) {
            try {
                handlers.require(abs.getFileName().toString());
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), 2);
            }
            ConflictClient keys = ConflictClient.of(() -> MariaDbConnections.open(l, MariaDbConnections.COMMON),
                    cfg.metaSchema(), name);
            List<RecordedConflicts.Recorded> recorded = RecordedConflicts.read(c, cfg.metaSchema(), table, limit, keys);
            int differ = 0;
            int undecided = 0;
            for (RecordedConflicts.Recorded r : recorded) {
                HandlerVerdict v = handlers.decide(abs.getFileName().toString(), r.conflict())
                        .get(timeout + 60_000L, TimeUnit.MILLISECONDS);
                String now = outcome(r, v);
                String then = r.open() ? "stored, unresolved" : row(r.left());
                if (!v.decided()) {
                    undecided++;
                }
                if (!now.equals(then)) {
                    differ++;
                    out.println(r.conflictId() + " " + r.conflict().table() + " " + r.conflict().key().values() + " ("
                            + r.conflict().type().storageName() + "): recorded " + then + "; " + v.handler() + " "
                            + now + (v.reason().isEmpty() ? "" : " (" + v.reason() + ")"));
                }
            }
            out.println("replayed " + recorded.size() + " recorded conflict(s) of " + name + " with " + abs.getFileName()
                    + ": " + (recorded.size() - differ) + " the same, " + differ + " different, " + undecided
                    + " deferred or failed");
            out.flush();
            return differ == 0 ? 0 : 1;
        }
    }

    /** The row the verdict would leave, as text, or what happens instead. */
    private static String outcome(RecordedConflicts.Recorded r, HandlerVerdict v) {
        return switch (v.kind()) {
            case KEEP_LOCAL -> row(r.conflict().local().row());
            case TAKE_REMOTE -> row(r.conflict().remote().row());
            case MERGED -> row(v.row());
            case DELETE -> row(null);
            case DEFER, FAILED -> "stored, unresolved";
        };
    }

    private static String row(Map<String, Object> row) {
        return Objects.requireNonNullElse(RowJson.write(row), "(deleted)");
    }
}
