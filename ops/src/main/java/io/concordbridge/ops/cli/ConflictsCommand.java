package io.concordbridge.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.concordbridge.client.Choice;
import io.concordbridge.client.ConflictClient;
import io.concordbridge.client.ConflictException;
import io.concordbridge.client.ConflictQuery;
import io.concordbridge.client.Resolved;
import io.concordbridge.client.Sibling;
import io.concordbridge.client.StoredConflict;
import io.concordbridge.ops.conflicts.ConflictJson;
import io.concordbridge.ops.conflicts.LeaderConflicts;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code bridge conflicts list|show|resolve}: the stored conflicts of one leader (default: the first
 * configured), read and resolved over its JDBC connection like the Java client does. Exit 0 on
 * success, 1 when the conflict is unknown or already resolved, 2 for a bad request.
 */
@Command(name = "conflicts", description = "List, show and resolve stored conflicts.",
        subcommands = {ConflictsCommand.List.class, ConflictsCommand.Show.class, ConflictsCommand.Resolve.class})
public final class ConflictsCommand {

    /** Options every subcommand takes. */
    static final class Common {
        @Mixin
        ConfigOption config;

        @Option(names = "--leader", paramLabel = "NAME", description = "the leader to read or write (default: the first)")
        String leader;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        ConflictClient client() {
            try {
                return new LeaderConflicts(config.load()).of(leader);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), 2);
            }
        }
    }

    @Command(name = "list", description = "List open conflicts, oldest id first, one page at a time.")
    static final class List implements Callable<Integer> {
        @Mixin
        Common common;

        @Option(names = "--table", paramLabel = "DB.TABLE") String table;
        @Option(names = "--key", paramLabel = "KEY", description = "the key as text, e.g. id=7") String key;
        @Option(names = "--type", paramLabel = "TYPE", description = "e.g. update_differing") String type;
        @Option(names = "--min-age", paramLabel = "SECONDS") Long minAgeSeconds;
        @Option(names = "--after", paramLabel = "ID", description = "the last id of the previous page") String after;
        @Option(names = "--limit", defaultValue = "100", paramLabel = "N") int limit;

        @Override
        public Integer call() throws SQLException {
            return run(() -> {
                ConflictClient client = common.client();
                ConflictQuery q = ConflictQuery.all().withTable(table).withRowKey(key).withType(type).after(after)
                        .withLimit(limit);
                if (minAgeSeconds != null) {
                    q = q.withMinAge(Duration.ofSeconds(minAgeSeconds));
                }
                java.util.List<StoredConflict> page = client.list(q);
                if (common.json) {
                    print(ConflictJson.page(client.leader(), page, q.limit()));
                } else {
                    page.forEach(c -> System.out.println(c.conflictId() + "  " + c.table() + "  " + c.rowKey() + "  "
                            + c.type() + "  " + c.policy() + "  winner " + c.winner() + "  " + c.reason()));
                    System.out.println(page.size() + " open conflict(s) on " + client.leader()
                            + (page.size() == q.limit() ? "; next page: --after " + page.get(page.size() - 1).conflictId() : ""));
                }
            });
        }
    }

    @Command(name = "show", description = "Show one open conflict with every version.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "ID") String id;

        @Override
        public Integer call() throws SQLException {
            return run(() -> {
                ConflictClient client = common.client();
                StoredConflict c = client.show(id).orElseThrow(() -> new ConflictException(
                        ConflictException.Reason.NOT_FOUND, "no open conflict " + id + " on " + client.leader()));
                if (common.json) {
                    print(ConflictJson.conflict(c));
                    return;
                }
                PrintStream out = System.out;
                out.println(c.conflictId() + ": " + c.type() + " on " + c.table() + " " + c.rowKey() + " (" + c.policy()
                        + ", stored " + c.createdAt() + ")");
                out.println("  reason: " + c.reason());
                out.println("  in the table now: the version of " + c.winner());
                for (Sibling s : c.siblings()) {
                    out.println("  " + s.leader() + " @" + s.stamp() + ": " + (s.row() == null ? "(deleted)" : s.row()));
                }
            });
        }
    }

    @Command(name = "resolve", description = "Resolve a conflict at a leader; the resolution replicates to every leader.")
    static final class Resolve implements Callable<Integer> {
        @Mixin
        Common common;

        @Parameters(paramLabel = "ID") String id;

        @ArgGroup(exclusive = true, multiplicity = "1")
        How how;

        @Option(names = "--by", defaultValue = "cli", description = "who resolves it, for the records") String by;
        @Option(names = "--note", defaultValue = "", description = "a note for the records") String note;

        static final class How {
            @Option(names = "--take", paramLabel = "LEADER", description = "keep the version this leader wrote")
            String take;
            @Option(names = "--row", paramLabel = "JSON", description = "write this row, e.g. '{\"id\": 7, \"qty\": 3}'")
            String row;
            @Option(names = "--delete", description = "delete the row")
            boolean delete;
        }

        @Override
        public Integer call() throws SQLException {
            return run(() -> {
                ConflictClient client = common.client();
                Choice choice = how.take != null ? Choice.take(how.take)
                        : how.row != null ? Choice.row(ConflictJson.row(ConflictJson.parse(how.row))) : Choice.delete();
                Resolved r = client.resolve(id, choice, by, note);
                if (common.json) {
                    print(ConflictJson.resolved(client.leader(), r));
                } else {
                    System.out.println("resolved " + String.join(", ", r.conflictIds()) + " on " + client.leader() + " ("
                            + r.table() + " " + r.rowKey() + (r.rowWritten() ? ", row written" : ", row unchanged")
                            + "); the resolution replicates to every leader");
                }
            });
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static int run(Work work) throws SQLException {
        try {
            work.run();
            return 0;
        } catch (ConflictException e) {
            throw new CommandFailure(e.getMessage(), e.reason() == ConflictException.Reason.INVALID ? 2 : 1);
        }
    }

    private static void print(JsonNode node) {
        try {
            System.out.println(ConflictJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
