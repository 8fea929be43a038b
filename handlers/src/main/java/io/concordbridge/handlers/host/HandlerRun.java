package io.concordbridge.handlers.host;

import groovy.lang.Binding;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.HandlerVerdict.Kind;
import io.concordbridge.core.model.Values;
import io.concordbridge.handlers.api.Answer;
import io.concordbridge.handlers.api.HandlerScript;

import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;

/**
 * One call of a compiled handler on the calling thread: a new script instance, the conflict bound,
 * its answer turned into a {@link HandlerVerdict}. Never throws: a throw, an interrupt, a refused
 * class or a wrong answer becomes a {@link Kind#FAILED} verdict with the reason. Stateless.
 */
public final class HandlerRun {

    static final String EXPECTED = "return keepLocal(), takeRemote(), merge(row), delete() or defer(reason)";

    private HandlerRun() {
    }

    public static HandlerVerdict run(CompiledHandler handler, Conflict conflict) {
        try {
            Map<String, Object> vars = new HashMap<>();
            vars.put(HandlerScript.CONFLICT, ConflictView.of(conflict));
            HandlerScript script = handler.script().getConstructor(Binding.class).newInstance(new Binding(vars));
            return verdict(script.run(), handler, conflict);
        } catch (InvocationTargetException e) {
            return failed(handler, describe(e.getCause(), handler));
        } catch (ReflectiveOperationException e) {
            return failed(handler, "could not start: " + e);
        } catch (Throwable t) {
            return failed(handler, describe(t, handler));
        }
    }

    static HandlerVerdict failed(CompiledHandler handler, String reason) {
        return new HandlerVerdict(Kind.FAILED, null, reason, handler.id());
    }

    private static HandlerVerdict verdict(Object result, CompiledHandler handler, Conflict conflict) {
        if (!(result instanceof Answer answer)) {
            String what = result == null ? "null" : "'" + Values.describe(result) + "' (" + result.getClass().getSimpleName() + ")";
            return failed(handler, "handler returned " + what + "; " + EXPECTED);
        }
        try {
            Map<String, Object> row = answer.kind() == Kind.MERGED ? MergedRow.of(answer.row(), conflict) : null;
            return new HandlerVerdict(answer.kind(), row, answer.reason(), handler.id());
        } catch (IllegalArgumentException e) {
            return failed(handler, e.getMessage());
        }
    }

    /** The reason a call failed: what was thrown, and where in the handler. */
    static String describe(Throwable t, CompiledHandler handler) {
        String where = line(t, handler);
        if (t instanceof InterruptedException) {
            return "interrupted" + where;
        }
        if (t instanceof StackOverflowError) {
            return "recursed too deep (stack overflow)" + where;
        }
        if (t instanceof NoClassDefFoundError) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            return "used a class handlers may not use: " + cause.getMessage() + where;
        }
        String message = t.getMessage() == null ? "" : ": " + t.getMessage();
        return "threw " + t.getClass().getSimpleName() + message + where;
    }

    /** {@code " (at orders.groovy:4)"}: the handler's innermost line on the stack, or empty. */
    private static String line(Throwable t, CompiledHandler handler) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (handler.file().equals(e.getFileName()) && e.getLineNumber() > 0) {
                    return " (at " + handler.file() + ":" + e.getLineNumber() + ")";
                }
            }
        }
        return "";
    }
}
