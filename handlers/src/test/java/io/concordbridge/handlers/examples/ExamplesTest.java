package io.concordbridge.handlers.examples;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.HandlerVerdict.Kind;
import io.concordbridge.core.config.HandlersConfig;
import io.concordbridge.handlers.host.GroovyHandlers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static io.concordbridge.handlers.Conflicts.order;
import static io.concordbridge.handlers.Conflicts.update;
import static org.assertj.core.api.Assertions.assertThat;

/** The three example handlers of handlers/examples, run through the real host on conflicts of shop.orders. */
class ExamplesTest {

    private static GroovyHandlers handlers;

    @BeforeAll
    static void start() {
        handlers = new GroovyHandlers(new HandlersConfig(Path.of("examples"), 5000, 2));
    }

    @AfterAll
    static void stop() {
        handlers.close();
    }

    private static HandlerVerdict decide(String handler, Conflict c) throws Exception {
        return handlers.decide(handler, c).get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyExampleCompiles() {
        handlers.require("merge-quantities.groovy");
        handlers.require("shipped-wins.groovy");
        handlers.require("defer-price.groovy");
    }

    @Test
    void mergeQuantitiesAddsBothDeltasAndTakesTheRestFromTheLaterWriter() throws Exception {
        // base 10; dc1 ordered 2 more (12, earlier), dc2 ordered 5 more and marked it paid (15, later)
        HandlerVerdict v = decide("merge-quantities.groovy",
                update(order(10, "new", "9.99"), order(12, "new", "9.99"), 100, order(15, "paid", "9.99"), 200));
        assertThat(v.kind()).isEqualTo(Kind.MERGED);
        assertThat(v.row()).containsEntry("qty", 17L).containsEntry("status", "paid").containsEntry("id", 7L);
        assertThat(v.handler()).matches("merge-quantities\\.groovy@[0-9a-f]{8}");
    }

    @Test
    void mergeQuantitiesTakesTheLaterWriterWhenASideDeleted() throws Exception {
        HandlerVerdict v = decide("merge-quantities.groovy",
                update(order(10, "new", "9.99"), order(12, "new", "9.99"), 300, null, 200));
        assertThat(v.kind()).isEqualTo(Kind.KEEP_LOCAL);
    }

    @Test
    void shippedWinsOnEitherSide() throws Exception {
        assertThat(decide("shipped-wins.groovy", update(order(10, "new", "9.99"), order(10, "shipped", "9.99"), 100,
                order(11, "paid", "9.99"), 200)).kind()).isEqualTo(Kind.KEEP_LOCAL);
        assertThat(decide("shipped-wins.groovy", update(order(10, "new", "9.99"), order(11, "paid", "9.99"), 300,
                order(10, "shipped", "9.99"), 200)).kind()).isEqualTo(Kind.TAKE_REMOTE);
    }

    @Test
    void shippedWinsFallsBackToTheLaterWriter() throws Exception {
        assertThat(decide("shipped-wins.groovy", update(order(10, "new", "9.99"), order(11, "paid", "9.99"), 300,
                order(12, "paid", "9.99"), 200)).kind()).isEqualTo(Kind.KEEP_LOCAL);
        assertThat(decide("shipped-wins.groovy", update(order(10, "new", "9.99"), order(11, "paid", "9.99"), 100,
                order(12, "paid", "9.99"), 200)).kind()).isEqualTo(Kind.TAKE_REMOTE);
    }

    @Test
    void deferPriceDefersWhenEitherSideChangedThePrice() throws Exception {
        HandlerVerdict v = decide("defer-price.groovy",
                update(order(10, "new", "9.99"), order(10, "new", "9.99"), 100, order(10, "new", "12.50"), 200));
        assertThat(v.kind()).isEqualTo(Kind.DEFER);
        assertThat(v.reason()).isEqualTo("price changed on dc1 and dc2: 9.99 vs 12.50");
    }

    @Test
    void deferPriceTakesTheLaterWriterOtherwise() throws Exception {
        HandlerVerdict v = decide("defer-price.groovy",
                update(order(10, "new", "9.99"), order(11, "new", "9.99"), 100, order(12, "new", "9.99"), 200));
        assertThat(v.kind()).isEqualTo(Kind.TAKE_REMOTE);
    }
}
