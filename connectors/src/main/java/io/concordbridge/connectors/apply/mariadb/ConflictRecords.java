package io.concordbridge.connectors.apply.mariadb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.ResolutionMarker;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.RowKeyText;
import io.concordbridge.core.model.Stamp;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes conflicts into the meta schema: one {@code conflict_history} record per conflict met here,
 * and for decisions that store the conflict (manual, handler, unresolvable) an open record in
 * {@code conflict} with every version, under the conflict's id, which is the same on every leader
 * (a record already there stays). Rows are {@link RowJson}; the {@code versions} of an open conflict
 * are a JSON array ordered by stamp, so every leader stores the same text:
 * {@code [{"leader": "dc1", "stamp": {"micros": 1700000000000001, "leader": "dc1"}, "row": {...} or null}, ...]}.
 * Stateless; the connection and its transaction are the caller's.
 */
final class ConflictRecords {

    /** One conflict met while applying, how it was decided, and the row left at the key (null: none). */
    record Met(Conflict conflict, Decision decision, List<String> keyColumns, Map<String, Object> result) {
    }

    private static final JsonFactory JSON = new JsonFactory();

    private final MetaSchema meta;
    private final String leader;
    private final Clock clock;

    ConflictRecords(MetaSchema meta, String leader, Clock clock) {
        this.meta = meta;
        this.leader = leader;
        this.clock = clock;
    }

    /** UTC wall-clock time; the session time zone is +00:00, so TIMESTAMP columns get the right instant. */
    private String now() {
        return TemporalText.dateTime(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /**
     * The resolution recorded here on {@code c}'s row that was made on {@code c}'s remote version
     * ({@link ResolutionMarker#supersedes(Stamp)}), as "conflict ... by ... at ..."; null if none.
     * A locking read: a resolution another lane committed after this transaction began counts.
     */
    String resolvedBy(Connection connection, Conflict c, List<String> keyColumns) throws SQLException {
        Stamp remote = c.remote().stamp();
        if (remote == null) {
            return null;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT conflict_id, resolved_by, leader, supersedes FROM "
                + meta.table(MetaSchema.RESOLUTION) + " WHERE tbl = ? AND row_key = ? LOCK IN SHARE MODE")) {
            ps.setString(1, c.table().toString());
            ps.setString(2, RowKeyText.of(keyColumns, c.key().values()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ResolutionMarker.madeOn(ResolutionMarker.parseSupersedes(rs.getString(4)), remote)) {
                        return "conflict " + rs.getString(1) + " was resolved by " + rs.getString(2) + " at "
                                + rs.getString(3) + " on this version";
                    }
                }
            }
        }
        return null;
    }

    void write(Connection connection, List<Met> all) throws SQLException {
        if (all.isEmpty()) {
            return;
        }
        history(connection, all);
        List<Met> stored = all.stream().filter(m -> m.decision().store()).toList();
        if (!stored.isEmpty()) {
            open(connection, stored);
        }
    }

    private void history(Connection connection, List<Met> all) throws SQLException {
        String sql = "INSERT INTO " + meta.table(MetaSchema.CONFLICT_HISTORY) + " (conflict_id, leader, tbl, row_key, type, "
                + "policy, outcome, winner, local_leader, local_stamp_micros, local_stamp_leader, local_stamp_precedence, "
                + "local_row, remote_leader, remote_stamp_micros, remote_stamp_leader, remote_stamp_precedence, "
                + "remote_row, base_row, result_row, reason, kept_open, detected_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        String now = now();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Met m : all) {
                Conflict c = m.conflict();
                Decision d = m.decision();
                int i = 1;
                ps.setString(i++, c.conflictId());
                ps.setString(i++, leader);
                ps.setString(i++, c.table().toString());
                ps.setString(i++, RowKeyText.of(m.keyColumns(), c.key().values()));
                ps.setString(i++, c.type().storageName());
                ps.setString(i++, d.policy());
                ps.setString(i++, d.outcome().name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(i++, winner(c, d));
                i = version(ps, i, c.local());
                i = version(ps, i, c.remote());
                ps.setString(i++, RowJson.write(c.base()));
                ps.setString(i++, RowJson.write(m.result()));
                ps.setString(i++, reason(c, d));
                ps.setInt(i++, d.store() ? 1 : 0);
                ps.setString(i, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void open(Connection connection, List<Met> stored) throws SQLException {
        // a conflict whose resolution arrived first (resolved where it was met earlier) is not opened
        String sql = "INSERT INTO " + meta.table(MetaSchema.CONFLICT) + " (conflict_id, tbl, row_key, type, policy, "
                + "winner, versions, base_row, reason, created_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL "
                + "WHERE NOT EXISTS (SELECT 1 FROM " + meta.table(MetaSchema.RESOLUTION) + " WHERE conflict_id = ?) "
                + "ON DUPLICATE KEY UPDATE conflict_id = conflict_id";
        String now = now();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Met m : stored) {
                Conflict c = m.conflict();
                Decision d = m.decision();
                ps.setString(1, c.conflictId());
                ps.setString(2, c.table().toString());
                ps.setString(3, RowKeyText.of(m.keyColumns(), c.key().values()));
                ps.setString(4, c.type().storageName());
                ps.setString(5, d.policy());
                ps.setString(6, winner(c, d));
                ps.setString(7, versions(c));
                ps.setString(8, RowJson.write(c.base()));
                ps.setString(9, reason(c, d));
                ps.setString(10, now);
                ps.setString(11, c.conflictId());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static int version(PreparedStatement ps, int i, Version v) throws SQLException {
        ps.setString(i++, v.leader());
        if (v.stamp() == null) {
            ps.setNull(i++, Types.BIGINT);
            ps.setNull(i++, Types.VARCHAR);
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, v.stamp().micros());
            ps.setString(i++, v.stamp().leader());
            ps.setLong(i++, v.stamp().precedence());
        }
        ps.setString(i++, RowJson.write(v.row()));
        return i;
    }

    /** The leader whose version the decision kept: the one whose stamp the result carries; null when none did. */
    static String winner(Conflict c, Decision d) {
        Stamp s = d.stamp();
        if (s == null) {
            return null;
        }
        if (s.equals(c.remote().stamp())) {
            return c.remote().leader();
        }
        return s.equals(c.local().stamp()) ? c.local().leader() : s.leader();
    }

    private static String reason(Conflict c, Decision d) {
        String detail = c.detail();
        return detail.isEmpty() || d.reason().contains(detail) ? d.reason() : detail + "; " + d.reason();
    }

    /** Both versions as a JSON array in stamp order (unknown stamps first). */
    static String versions(Conflict c) {
        List<Version> vs = new ArrayList<>(List.of(c.local(), c.remote()));
        vs.sort(Comparator.comparing(Version::stamp, Comparator.nullsFirst(Comparator.naturalOrder())));
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (Version v : vs) {
                g.writeStartObject();
                g.writeStringField("leader", v.leader());
                g.writeFieldName("stamp");
                if (v.stamp() == null) {
                    g.writeNull();
                } else {
                    g.writeStartObject();
                    g.writeNumberField("micros", v.stamp().micros());
                    g.writeStringField("leader", v.stamp().leader());
                    g.writeEndObject();
                }
                g.writeFieldName("row");
                RowJson.writeRow(g, v.row());
                g.writeEndObject();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e);
        }
        return out.toString();
    }
}
