package io.concordbridge.core.conflict;

import io.concordbridge.core.model.Stamp;

import java.util.Map;
import java.util.Objects;

/**
 * How a conflict was resolved: the row to leave behind and the stamp it carries. Every leader that
 * resolves the same two versions reaches the same row and stamp (the outcome is mirrored: what is
 * {@code KEEP_LOCAL} at one leader is {@code TAKE_REMOTE} at the other). Immutable.
 *
 * <p>What the apply does, as {@link #applyTo} states it: for {@code KEEP_LOCAL} write no row but
 * record {@code stamp} as the row's (or the tombstone's) version when it changed; for
 * {@code TAKE_REMOTE} and {@code MERGED} write {@code row} with {@code stamp}; for {@code DELETE}
 * delete the row if present and keep a tombstone with {@code stamp}. A decision with a null stamp
 * (a unique violation) changes nothing at the key.
 *
 * @param outcome what happens to the row
 * @param row     the resulting row; null for a delete or when the local row (absent or deleted) stays so
 * @param stamp   the version stamp the result carries
 * @param policy  the policy that decided ({@code last-writer-wins}, {@code manual}, ...)
 * @param reason  one short sentence saying why, for the conflict history
 * @param store   true when every version is kept for read-time resolution (manual, handler, unresolvable)
 */
public record Decision(Outcome outcome, Map<String, Object> row, Stamp stamp, String policy, String reason,
                       boolean store) {

    /** What happens to the row. */
    public enum Outcome { KEEP_LOCAL, TAKE_REMOTE, MERGED, DELETE }

    public Decision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
        row = LocalRow.copy(row);
        if ((outcome == Outcome.TAKE_REMOTE || outcome == Outcome.MERGED) && (row == null || stamp == null)) {
            throw new IllegalArgumentException(outcome + " needs a row and a stamp");
        }
        if (outcome == Outcome.DELETE && (row != null || stamp == null)) {
            throw new IllegalArgumentException("DELETE has a stamp and no row");
        }
    }

    /** The local state after the apply carried this decision out. */
    public LocalRow applyTo(LocalRow local) {
        return switch (outcome) {
            case KEEP_LOCAL -> stamp == null || stamp.equals(local.stamp()) ? local
                    : new LocalRow(local.row(), stamp, !local.present());
            case TAKE_REMOTE, MERGED -> LocalRow.of(row, stamp);
            case DELETE -> LocalRow.tombstone(stamp);
        };
    }

    /** The outcome that leaves {@code row} (null: deleted) when the versions were {@code local} and {@code remote}. */
    static Outcome outcome(Map<String, Object> row, Version local, Version remote) {
        if (row == null) {
            return local.deleted() ? Outcome.KEEP_LOCAL : Outcome.DELETE;
        }
        if (!local.deleted() && Rows.same(row, local.row())) {
            return Outcome.KEEP_LOCAL;
        }
        return !remote.deleted() && Rows.same(row, remote.row()) ? Outcome.TAKE_REMOTE : Outcome.MERGED;
    }
}
