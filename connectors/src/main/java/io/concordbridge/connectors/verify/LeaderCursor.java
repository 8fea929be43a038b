package io.concordbridge.connectors.verify;

import io.concordbridge.connectors.apply.mariadb.MariaDbConnections;
import io.concordbridge.connectors.apply.mariadb.TableSchema;
import io.concordbridge.core.model.Values;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One leader's rows of one table in primary key order, streamed: only the current row is held.
 * Checks that the keys arrive strictly ascending in {@link KeyOrder}, since the merge of the
 * leaders' streams is only right if they do. Owns its connection; not thread-safe.
 */
final class LeaderCursor implements AutoCloseable {

    private final String leader;
    private final TableSchema schema;
    private final Connection connection;
    private final int[] keyIndexes;
    private Statement statement;
    private ResultSet rs;
    private List<Object> key;
    private Object[] row;
    private long rows;

    LeaderCursor(String leader, TableSchema schema, Connection connection) {
        this.leader = leader;
        this.schema = schema;
        this.connection = connection;
        this.keyIndexes = schema.keyColumns().stream().mapToInt(schema::indexOf).toArray();
    }

    /** Runs the ordered select: row by row when fetchSize is Integer.MIN_VALUE, else through a cursor. */
    void start(int fetchSize) throws SQLException {
        String sql = schema.selectInKeyOrder();
        if (fetchSize > 0) {
            PreparedStatement ps = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY);
            statement = ps;
            ps.setFetchSize(fetchSize);
            rs = ps.executeQuery();
        } else {
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(Integer.MIN_VALUE);
            rs = statement.executeQuery(sql);
        }
    }

    /** Moves to the next row; false at the end. */
    boolean advance() throws SQLException {
        if (!rs.next()) {
            key = null;
            row = null;
            return false;
        }
        Object[] next = new Object[schema.columns().size()];
        for (int i = 0; i < next.length; i++) {
            next[i] = schema.columns().get(i).kind().read(rs, i + 1);
        }
        List<Object> nextKey = new ArrayList<>(keyIndexes.length);
        for (int index : keyIndexes) {
            nextKey.add(next[index]);
        }
        if (key != null && KeyOrder.INSTANCE.compare(key, nextKey) >= 0) {
            throw new SQLException("keys arrive out of order (" + Values.describe(nextKey) + " after "
                    + Values.describe(key) + "): the verifier's key order does not hold for this table's key "
                    + "types; report it as a bridge bug");
        }
        key = nextKey;
        row = next;
        rows++;
        return true;
    }

    String leader() {
        return leader;
    }

    boolean hasRow() {
        return key != null;
    }

    List<Object> key() {
        return key;
    }

    Object[] row() {
        return row;
    }

    long rows() {
        return rows;
    }

    /** Closes; a half-read stream is aborted, since closing it normally would read the rest first. */
    @Override
    public void close() {
        if (rs != null && key != null) {
            try {
                connection.abort(Runnable::run);
                return;
            } catch (SQLException | RuntimeException e) {
                // fall back to a normal close
            }
        }
        MariaDbConnections.closeQuietly(connection);
    }
}
