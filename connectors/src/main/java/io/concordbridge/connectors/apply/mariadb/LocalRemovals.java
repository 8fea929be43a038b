package io.concordbridge.connectors.apply.mariadb;

import io.concordbridge.connectors.capture.mariadb.BinlogPosition;
import io.concordbridge.core.pipeline.LogPositions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tables whose rows a local write past the capture's position deleted, or updated (an update can
 * move a row to another key), read from the leader's binlog with {@code SHOW BINLOG EVENTS}. A
 * transaction that writes the checkpoint table is the bridge's own apply and does not count.
 *
 * <p>The binlog is read incrementally: each call reads only what was written since the end read
 * last time, and forgets the removals the capture has passed since. A position that is no event's
 * start, a purged file or a listing that does not parse make the answer unknown (null) until the
 * capture has passed the end of what was read. Used by one applier thread.
 */
final class LocalRemovals {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LocalRemovals.class);

    /** Events read per statement. */
    static final int CHUNK = 5_000;
    private static final Pattern TABLE_ID = Pattern.compile("table_id: (\\d+)");

    private record Removal(String committedAt, String table) {
    }

    private final String checkpointTable;
    private final List<Removal> removals = new ArrayList<>();
    /** Read up to here (an end of the binlog, a transaction boundary); null: nothing read yet. */
    private String readTo;
    /** The capture must pass this before the answer is known again (after a failed read). */
    private String unknownUntil;
    private long eventsRead;

    /** @param checkpointTable {@code meta.checkpoint}: a transaction that writes it is the bridge's own */
    LocalRemovals(String checkpointTable) {
        this.checkpointTable = checkpointTable;
    }

    /** Binlog events read so far (for the tests and the debug log). */
    long eventsRead() {
        return eventsRead;
    }

    /**
     * The tables ({@code db.table}) removed from by local transactions committed after
     * {@code progress} and up to {@code end}; null when that cannot be told.
     */
    Set<String> after(Connection connection, String progress, String end) throws SQLException {
        if (progress == null) {
            return null;
        }
        if (unknownUntil != null) {
            if (!LogPositions.reached(progress, unknownUntil)) {
                return null;
            }
            unknownUntil = null;
            readTo = null;
            removals.clear();
        }
        removals.removeIf(r -> LogPositions.reached(progress, r.committedAt()));
        if (readTo == null || LogPositions.compare(readTo, progress) < 0) {
            readTo = progress;
            removals.clear();
        }
        if (LogPositions.compare(readTo, end) < 0) {
            if (!read(connection, readTo, end)) {
                LOG.debug("the binlog from {} to {} could not be read for local removals; absent rows wait for the"
                        + " capture to pass {}", readTo, end, end);
                unknownUntil = end;
                return null;
            }
            readTo = end;
        }
        Set<String> tables = new HashSet<>();
        removals.forEach(r -> tables.add(r.table()));
        if (LOG.isDebugEnabled() && !tables.isEmpty()) {
            LOG.debug("local removals past the capture at {}: {} ({} binlog events read in all)", progress, tables,
                    eventsRead);
        }
        return tables;
    }

    /** Reads the events from {@code from} to {@code to}, across files; false when they cannot be read. */
    private boolean read(Connection connection, String from, String to) throws SQLException {
        BinlogPosition start = BinlogPosition.parse(from);
        BinlogPosition stop = BinlogPosition.parse(to);
        List<String> files = new ArrayList<>();
        if (start.file().equals(stop.file())) {
            files.add(start.file());
        } else {
            try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW BINARY LOGS")) {
                while (rs.next()) {
                    BinlogPosition f = new BinlogPosition(rs.getString(1), 0);
                    if (f.compareTo(new BinlogPosition(start.file(), 0)) >= 0
                            && f.compareTo(new BinlogPosition(stop.file(), 0)) <= 0) {
                        files.add(f.file());
                    }
                }
            }
            if (files.isEmpty() || !files.get(0).equals(start.file()) || !files.get(files.size() - 1).equals(stop.file())) {
                return false;
            }
        }
        Scan scan = new Scan();
        for (String f : files) {
            long first = f.equals(start.file()) ? start.pos() : 4;
            long until = f.equals(stop.file()) ? stop.pos() : Long.MAX_VALUE;
            if (f.indexOf('\'') >= 0 || f.indexOf('\\') >= 0 || !scan.file(connection, f, first, until)) {
                return false;
            }
        }
        return true;
    }

    /** The state of one read: the open transaction's tables and whether it is the bridge's own. */
    private final class Scan {
        private final Map<String, String> tableIds = new HashMap<>();
        private final Set<String> open = new HashSet<>();
        private boolean ours;

        boolean file(Connection connection, String file, long start, long stop) throws SQLException {
            long pos = start;
            while (pos < stop) {
                int n = 0;
                long next = pos;
                try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW BINLOG EVENTS IN '"
                        + file + "' FROM " + pos + " LIMIT " + CHUNK)) {
                    while (rs.next()) {
                        n++;
                        eventsRead++;
                        if (rs.getLong("Pos") >= stop) {
                            return true;
                        }
                        next = rs.getLong("End_log_pos");
                        if (!event(rs.getString("Event_type"), String.valueOf(rs.getString("Info")), file + ":" + next)) {
                            return false;
                        }
                    }
                } catch (SQLException e) {
                    if (e.getErrorCode() == 1220) {
                        return false; // the position is no event's start, or the file was purged
                    }
                    throw e;
                }
                if (next >= stop) {
                    return true;
                }
                if (n < CHUNK) {
                    return stop == Long.MAX_VALUE; // the file ended: the read goes on in the next one
                }
                pos = next;
            }
            return true;
        }

        private boolean event(String type, String info, String endsAt) {
            if (type.equals("Gtid")) {
                open.clear();
                ours = false;
            } else if (type.equals("Table_map")) {
                Matcher id = TABLE_ID.matcher(info);
                int paren = info.indexOf('(');
                if (!id.find() || paren < 0 || !info.endsWith(")")) {
                    return false;
                }
                String name = info.substring(paren + 1, info.length() - 1);
                tableIds.put(id.group(1), name);
                ours |= name.equals(checkpointTable);
            } else if (type.startsWith("Delete_rows") || type.startsWith("Update_rows")) {
                Matcher id = TABLE_ID.matcher(info);
                String name = id.find() ? tableIds.get(id.group(1)) : null;
                if (name == null) {
                    return false;
                }
                open.add(name);
            } else if (type.equals("Xid") || type.equals("Query") && info.startsWith("COMMIT")) {
                if (!ours) {
                    open.forEach(t -> removals.add(new Removal(endsAt, t)));
                }
                open.clear();
            }
            return true;
        }
    }
}
