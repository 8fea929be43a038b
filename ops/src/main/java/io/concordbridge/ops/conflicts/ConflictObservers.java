package io.concordbridge.ops.conflicts;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictObserver;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.HandlerVerdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/** Several observers as one; one that throws is logged and the others still hear. Immutable. */
public final class ConflictObservers implements ConflictObserver {

    private static final Logger LOG = LoggerFactory.getLogger(ConflictObservers.class);

    private final List<ConflictObserver> all;

    public ConflictObservers(List<ConflictObserver> all) {
        this.all = List.copyOf(all);
    }

    @Override
    public void decided(String leader, Conflict conflict, Decision decision) {
        each(o -> o.decided(leader, conflict, decision));
    }

    @Override
    public void handled(String leader, String table, HandlerVerdict verdict, long micros) {
        each(o -> o.handled(leader, table, verdict, micros));
    }

    @Override
    public void resolved(String leader, String table) {
        each(o -> o.resolved(leader, table));
    }

    private void each(Consumer<ConflictObserver> event) {
        for (ConflictObserver o : all) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                LOG.warn("a conflict observer failed: {}", e.toString());
            }
        }
    }
}
