package io.concordbridge.core.conflict;

import java.util.Map;
import java.util.Objects;

/**
 * What a user's conflict handler answered for one conflict, or why it gave no answer. Immutable.
 *
 * @param kind    the answer
 * @param row     the merged row for {@link Kind#MERGED}; null otherwise
 * @param reason  why: the handler's reason for {@link Kind#DEFER}, the failure for {@link Kind#FAILED}
 *                (a throw, a timeout, a sandbox refusal), a short note otherwise (may be empty)
 * @param handler the handler file and the version of it that ran ({@code orders.groovy@3f2a9c})
 */
public record HandlerVerdict(Kind kind, Map<String, Object> row, String reason, String handler) {

    /** The handler's answer. */
    public enum Kind {
        /** The applying leader's local version stays. */
        KEEP_LOCAL,
        /** The incoming remote version wins. */
        TAKE_REMOTE,
        /** A row the handler built. */
        MERGED,
        /** The row is deleted. */
        DELETE,
        /** The handler chose not to decide: stored for read-time resolution with its reason. */
        DEFER,
        /** The handler threw, timed out or broke the sandbox: the table's fallback decides. */
        FAILED
    }

    public HandlerVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(handler, "handler");
        row = LocalRow.copy(row);
        if ((kind == Kind.MERGED) != (row != null)) {
            throw new IllegalArgumentException("a row is given for, and only for, " + Kind.MERGED);
        }
    }

    /** True when the handler decided (not deferred, not failed). */
    public boolean decided() {
        return kind != Kind.DEFER && kind != Kind.FAILED;
    }
}
