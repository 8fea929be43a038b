package io.concordbridge.connectors.apply.mariadb;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one place that decides what a MariaDB error means for the apply: transient (reconnect and
 * retry with backoff) or not (stop this leader's lane and tell the operator what to fix).
 * Decided by vendor code first, then by SQLState class, then by the driver's exception type;
 * anything unknown is not transient, so a deterministic failure is never retried forever.
 * Stateless and thread-safe.
 */
public final class MariaDbErrors {

    /**
     * What an error means.
     *
     * @param transientFailure retry after reconnecting
     * @param what             a short description of the cause
     * @param todo             what the operator (or the bridge) does about it
     */
    public record Classification(boolean transientFailure, String what, String todo) {
    }

    private static final String RETRY = "retried after reconnecting, with backoff";
    private static final Classification CONNECTION = retry("connection to the leader lost or refused");
    private static final Classification SHUTDOWN = retry("the leader is shutting down");
    private static final Classification READ_ONLY = retry("the leader is read-only");

    private static final Map<Integer, Classification> BY_CODE = Map.ofEntries(
            Map.entry(1213, retry("deadlock with another transaction")),
            Map.entry(1205, retry("lock wait timeout: another transaction holds a row lock")),
            Map.entry(1053, SHUTDOWN), Map.entry(1077, SHUTDOWN), Map.entry(1078, SHUTDOWN),
            Map.entry(1079, SHUTDOWN), Map.entry(1080, SHUTDOWN),
            Map.entry(1040, retry("too many connections on the leader")),
            Map.entry(1203, retry("the bridge user has too many connections")),
            Map.entry(1152, CONNECTION), Map.entry(1158, CONNECTION), Map.entry(1159, CONNECTION),
            Map.entry(1160, CONNECTION), Map.entry(1161, CONNECTION), Map.entry(1927, CONNECTION),
            Map.entry(2002, CONNECTION), Map.entry(2003, CONNECTION), Map.entry(2006, CONNECTION),
            Map.entry(2013, CONNECTION),
            Map.entry(1317, retry("the statement was interrupted (KILL QUERY)")),
            Map.entry(1969, retry("the statement hit max_statement_time")),
            Map.entry(1836, READ_ONLY), Map.entry(1792, READ_ONLY),
            Map.entry(1047, retry("the Galera node is not ready for writes")),
            Map.entry(1021, retry("the leader's disk is full")),
            Map.entry(1037, retry("the leader is out of memory")), Map.entry(1038, retry("the leader is out of memory")),
            Map.entry(1146, stop("the table does not exist on this leader",
                    "create it with the same definition as on the origin, then restart this leader's lane")),
            Map.entry(1049, stop("the database does not exist on this leader",
                    "create it and its tables as on the origin, then restart this leader's lane")),
            Map.entry(1054, stop("a column of the change does not exist in the table on this leader",
                    "make the table definition match the origin's (ALTER TABLE ... ADD COLUMN), then restart the lane")),
            Map.entry(1406, stop("a value is too long for its column on this leader",
                    "widen the column to match the origin's definition, then restart the lane")),
            Map.entry(1264, stop("a value is out of range for its column on this leader",
                    "make the column type match the origin's (signedness, size), then restart the lane")),
            Map.entry(1366, stop("a value is not valid for its column type on this leader",
                    "make the column type and character set match the origin's, then restart the lane")),
            Map.entry(1292, stop("a value is not valid for its column type on this leader",
                    "make the column type match the origin's, then restart the lane")),
            Map.entry(1265, stop("a value was truncated by its column type on this leader",
                    "make the column type (ENUM/SET members, precision) match the origin's, then restart the lane")),
            Map.entry(1048, stop("a NOT NULL column got NULL, or the row's values hit a unique index entry held by "
                            + "another row with a different primary key",
                    "compare the table definition and the rows holding the same unique values on both leaders; "
                            + "remove or fix the other row, then restart the lane")),
            Map.entry(1062, stop("duplicate entry on a unique index: another row with a different primary key holds "
                            + "the same unique value on this leader",
                    "decide which row keeps the unique value, change or delete the other one, then restart the lane")),
            Map.entry(1452, stop("foreign key: the parent row does not exist on this leader",
                    "replicate the parent table too (or insert the parent), then restart the lane")),
            Map.entry(1216, stop("foreign key: the parent row does not exist on this leader",
                    "replicate the parent table too (or insert the parent), then restart the lane")),
            Map.entry(1451, stop("foreign key: the row is still referenced by child rows on this leader",
                    "replicate the child table too (or remove the children), then restart the lane")),
            Map.entry(1217, stop("foreign key: the row is still referenced by child rows on this leader",
                    "replicate the child table too (or remove the children), then restart the lane")),
            Map.entry(4025, stop("a CHECK constraint failed on this leader",
                    "make the CHECK constraints match the origin's, then restart the lane")),
            Map.entry(1142, stop("the bridge user lacks a privilege on the table",
                    "GRANT SELECT, INSERT, UPDATE, DELETE on the replicated tables to the bridge user")),
            Map.entry(1044, stop("the bridge user lacks a privilege on the database",
                    "GRANT the bridge user its privileges on the replicated databases and the meta schema")),
            Map.entry(1045, stop("the leader refused the bridge user's credentials",
                    "check the user and password configured for this leader")),
            Map.entry(1153, stop("a statement exceeds max_allowed_packet",
                    "raise max_allowed_packet on this leader to at least the origin's")));

    private static final Pattern DUPLICATE_VALUE = Pattern.compile("(?i)(duplicate entry) '.*' (for key)");
    private static final Pattern QUOTED_VALUE = Pattern.compile("(?i)(value:?) '.*?' (for column)");

    private MariaDbErrors() {
    }

    public static Classification classify(SQLException e) {
        SQLException specific = mostSpecific(e);
        Classification byCode = BY_CODE.get(specific.getErrorCode());
        if (byCode != null) {
            return byCode;
        }
        if (specific.getErrorCode() == 1290 && String.valueOf(specific.getMessage()).contains("read-only")) {
            return READ_ONLY;
        }
        if (specific instanceof PacketTooBigException || e instanceof PacketTooBigException) {
            return BY_CODE.get(1153); // the driver's own check against the server's max_allowed_packet, before sending
        }
        String state = specific.getSQLState() == null ? "" : specific.getSQLState();
        if (state.startsWith("08")) {
            return CONNECTION;
        }
        if (state.startsWith("40")) {
            return retry("transaction rolled back by the leader (serialization failure)");
        }
        if (state.startsWith("23")) {
            return stop("integrity constraint violated on this leader",
                    "compare the table definitions and constraints with the origin's, then restart the lane");
        }
        if (state.startsWith("22")) {
            return stop("a value does not fit its column on this leader",
                    "make the column types match the origin's, then restart the lane");
        }
        if (specific instanceof SQLRecoverableException || specific instanceof SQLTransientException
                || e instanceof SQLRecoverableException || e instanceof SQLTransientException) {
            return retry("the driver reports a transient failure");
        }
        return stop("unclassified database error", "read the database error, fix its cause, then restart the lane");
    }

    /**
     * {@code [SQLState s, error n] message}: the first line of the server's or driver's message,
     * without the row values some messages quote (duplicate entries, invalid values).
     */
    public static String describe(SQLException e) {
        SQLException specific = mostSpecific(e);
        String message = String.valueOf(specific.getMessage()).strip();
        int newline = message.indexOf('\n');
        message = newline < 0 ? message : message.substring(0, newline).strip();
        message = DUPLICATE_VALUE.matcher(message).replaceAll("$1 $2");
        message = QUOTED_VALUE.matcher(message).replaceAll("$1 $2");
        return "[SQLState " + specific.getSQLState() + ", error " + specific.getErrorCode() + "] " + message;
    }

    /**
     * The exception that carries the server's code: a batch failure wraps the statement's failure,
     * and a connection failure may only say so in a cause.
     */
    static SQLException mostSpecific(SQLException e) {
        SQLException current = e;
        for (int depth = 0; depth < 8 && current.getErrorCode() == 0; depth++) {
            if (current.getCause() instanceof SQLException cause) {
                current = cause;
            } else if (current.getNextException() != null) {
                current = current.getNextException();
            } else {
                break;
            }
        }
        return current.getErrorCode() != 0 || current.getSQLState() != null ? current : e;
    }

    private static Classification retry(String what) {
        return new Classification(true, what, RETRY);
    }

    private static Classification stop(String what, String todo) {
        return new Classification(false, what, todo);
    }
}
