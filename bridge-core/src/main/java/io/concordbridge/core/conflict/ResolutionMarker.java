package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.TableId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A resolution of a stored conflict, as it travels: a row of the meta schema's {@value #TABLE}
 * table, written at one leader in the same transaction as the resolved row, captured with it and
 * applied at every other leader, where it closes the conflict. The row the resolution writes must
 * carry a stamp above every sibling, so the capture observes {@link #aboveMicros} before stamping
 * the transaction. Immutable.
 *
 * @param resolutionId a unique id of this resolution (32 hex digits)
 * @param conflictId   the conflict it closes (the same id on every leader)
 * @param table        the conflict's table, {@code db.table}
 * @param rowKey       the conflict's key as text ({@code id=7})
 * @param how          what was chosen: {@code take:dc2}, {@code row}, {@code handler}, {@code fallback}
 * @param resolvedBy   who resolved it: an application user, {@code cli}, {@code http}, {@code handler:orders.groovy@1a2b}
 * @param note         a free note (the handler's reason, the operator's comment); may be empty
 * @param aboveMicros  the highest stamp, in micros, of the versions it supersedes
 */
public record ResolutionMarker(String resolutionId, String conflictId, String table, String rowKey, String how,
                               String resolvedBy, String note, long aboveMicros) {

    /** The meta table's name. */
    public static final String TABLE = "resolution";

    public ResolutionMarker {
        Objects.requireNonNull(resolutionId, "resolutionId");
        Objects.requireNonNull(conflictId, "conflictId");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(rowKey, "rowKey");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(resolvedBy, "resolvedBy");
        note = note == null ? "" : note;
    }

    /** The marker table in meta schema {@code metaSchema}. */
    public static TableId table(String metaSchema) {
        return new TableId(metaSchema, TABLE);
    }

    /** The marker a captured change carries, if it is the insert of a marker row into {@code markers}. */
    public static Optional<ResolutionMarker> of(Change c, TableId markers) {
        if (!c.table().equals(markers) || c.op() != Op.INSERT) {
            return Optional.empty();
        }
        Map<String, Object> r = c.after();
        return Optional.of(new ResolutionMarker(text(r, "resolution_id"), text(r, "conflict_id"), text(r, "tbl"),
                text(r, "row_key"), text(r, "how"), text(r, "resolved_by"), text(r, "note"),
                ((Number) r.get("above_micros")).longValue()));
    }

    private static String text(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? "" : v.toString();
    }
}
