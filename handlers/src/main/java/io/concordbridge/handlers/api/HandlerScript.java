package io.concordbridge.handlers.api;

import groovy.lang.Binding;
import groovy.lang.Script;
import io.concordbridge.core.conflict.HandlerVerdict.Kind;

import java.util.Map;

/**
 * The base class of every handler script: it gives the script its conflict ({@code conflict},
 * with the shortcuts {@code local}, {@code remote}, {@code base}) and the helpers that build its
 * answer. The script's last expression (or what it returns) is the decision. One instance per
 * call, so not thread-safe and need not be.
 */
public abstract class HandlerScript extends Script {

    /** The binding variable through which the host hands the conflict to a new instance. */
    public static final String CONFLICT = "conflict";

    protected HandlerScript() {
    }

    protected HandlerScript(Binding binding) {
        super(binding);
    }

    public final HandlerConflict getConflict() {
        return (HandlerConflict) getBinding().getVariable(CONFLICT);
    }

    public final Side getLocal() {
        return getConflict().getLocal();
    }

    public final Side getRemote() {
        return getConflict().getRemote();
    }

    /** The version both sides started from; null for an insert. */
    public final Row getBase() {
        return getConflict().getBase();
    }

    /** The local version stays. */
    public final Answer keepLocal() {
        return new Answer(Kind.KEEP_LOCAL, null, "");
    }

    /** The remote version wins. */
    public final Answer takeRemote() {
        return new Answer(Kind.TAKE_REMOTE, null, "");
    }

    /** The side with the later stamp wins: last writer wins. */
    public final Answer takeLater() {
        return take(getConflict().getLater());
    }

    /** {@code side} wins: {@code local} or {@code remote}. */
    public final Answer take(Side side) {
        if (side == getLocal()) {
            return keepLocal();
        }
        if (side == getRemote()) {
            return takeRemote();
        }
        throw new IllegalArgumentException("take(side) takes local or remote");
    }

    /** A row built by the handler; it is written as a new version. */
    public final Answer merge(Map<String, ?> row) {
        if (row == null) {
            throw new IllegalArgumentException("merge(row) needs a row; use delete() to delete");
        }
        return new Answer(Kind.MERGED, row, "");
    }

    /** A row built by the handler, as a {@link Row} ({@code merge(local.row.with(qty: 3))}). */
    public final Answer merge(Row row) {
        if (row == null) {
            throw new IllegalArgumentException("merge(row) needs a row; use delete() to delete");
        }
        return merge(row.toMap());
    }

    /** The row is deleted. */
    public final Answer delete() {
        return new Answer(Kind.DELETE, null, "");
    }

    /** No decision: the conflict is stored for read-time resolution with {@code reason}. */
    public final Answer defer(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("defer(reason) needs a reason");
        }
        return new Answer(Kind.DEFER, null, reason);
    }
}
