package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

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
 * @param supersedes   per leader, the highest stamp in micros of that leader's versions the resolution
 *                     was written on top of: the siblings of every conflict it closes, and everything the
 *                     bridge had applied from that leader where the resolution was written. A leader's
 *                     versions are stamped in its log order and applied in it, so every version of that
 *                     leader stamped at or below it is included in the resolution. A leader that meets
 *                     one of them after the resolution keeps the resolution ({@link #supersedes(Stamp)})
 */
public record ResolutionMarker(String resolutionId, String conflictId, String table, String rowKey, String how,
                               String resolvedBy, String note, long aboveMicros, Map<String, Long> supersedes) {

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
        supersedes = supersedes == null ? Map.of() : Map.copyOf(supersedes);
    }

    /** True when {@code version}, a version of this marker's row, is one the resolution was made on. */
    public boolean supersedes(Stamp version) {
        return madeOn(supersedes, version);
    }

    /** True when {@code version} is one a resolution that superseded {@code highestPerLeader} was made on. */
    public static boolean madeOn(Map<String, Long> highestPerLeader, Stamp version) {
        Long upTo = highestPerLeader.get(version.leader());
        return upTo != null && version.micros() <= upTo;
    }

    /** The highest stamp per leader among {@code versions} (nulls skipped), as a new map the caller may add to. */
    public static Map<String, Long> highestPerLeader(Iterable<Stamp> versions) {
        Map<String, Long> out = new TreeMap<>();
        for (Stamp s : versions) {
            if (s != null) {
                out.merge(s.leader(), s.micros(), Math::max);
            }
        }
        return out;
    }

    /** {@link #supersedes} as stored: {@code micros@leader} tokens, space separated, in leader order. */
    public String supersedesText() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(supersedes).forEach((leader, micros) -> b.append(b.isEmpty() ? "" : " ").append(micros)
                .append('@').append(leader));
        return b.toString();
    }

    /** Parses {@link #supersedesText()}; null or blank is none (a marker written before it was kept). */
    public static Map<String, Long> parseSupersedes(String text) {
        Map<String, Long> out = new TreeMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String token : text.trim().split(" +")) {
            int at = token.indexOf('@');
            if (at <= 0 || at == token.length() - 1) {
                throw new IllegalArgumentException("a superseded version '" + token + "' is not micros@leader");
            }
            out.merge(token.substring(at + 1), Long.parseLong(token.substring(0, at)), Math::max);
        }
        return out;
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
                ((Number) r.get("above_micros")).longValue(), parseSupersedes(text(r, "supersedes"))));
    }

    private static String text(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? "" : v.toString();
    }
}
