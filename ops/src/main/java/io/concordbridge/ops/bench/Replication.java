package io.concordbridge.ops.bench;

import io.concordbridge.connectors.local.LocalMariaDb;

import java.util.List;

/**
 * A replication under measurement: the bridge among three leaders (hub or sidecar mode), or native MariaDB replication
 * from a primary to a replica. The bench creates and pre-loads the tables on {@link #servers()}
 * while nothing replicates, then {@link #start}s it, writes, and {@link #stop}s it.
 */
interface Replication {

    /** {@code hub}, {@code sidecar} or {@code native}. */
    String name();

    /** Every server that holds the bench tables. */
    List<LocalMariaDb> servers();

    /** The servers the lag phase writes to at once; the throughput phases write to the first. */
    List<LocalMariaDb> origins();

    /** Where a write committed at {@code origin} must arrive. */
    List<LocalMariaDb> targetsOf(LocalMariaDb origin);

    /** Starts replicating {@code tables}; returns once every commit from now on will be replicated. */
    void start(String workload, List<String> tables) throws Exception;

    /** Origin transactions applied at {@code target} since {@link #start}; for progress lines. Thread-safe. */
    long appliedTransactions(LocalMariaDb origin, LocalMariaDb target);

    /** What it has done in between, for progress lines: empty, or text that starts with a space. */
    default String progress(LocalMariaDb origin) {
        return "";
    }

    /** One line on what the replication did for writes of {@code origin} since {@link #start}. */
    String describeRun(LocalMariaDb origin);

    /** Its state, for a message when it stops making progress. */
    String state();

    /** Stops replicating; the servers keep running. */
    void stop();
}
