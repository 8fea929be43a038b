package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.HandlerVerdict.Kind;
import io.concordbridge.handlers.Conflicts;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.concordbridge.handlers.Conflicts.order;
import static io.concordbridge.handlers.Conflicts.update;
import static org.assertj.core.api.Assertions.assertThat;

/** What a script's answer becomes: each helper's verdict, a wrong answer, and the merged row's values. */
class HandlerRunTest {

    @Test
    void eachHelperGivesItsVerdict() {
        assertThat(Scripts.run("keepLocal()", Conflicts.simple()).kind()).isEqualTo(Kind.KEEP_LOCAL);
        assertThat(Scripts.run("takeRemote()", Conflicts.simple()).kind()).isEqualTo(Kind.TAKE_REMOTE);
        assertThat(Scripts.run("delete()", Conflicts.simple()).kind()).isEqualTo(Kind.DELETE);
        assertThat(Scripts.run("takeLater()", Conflicts.simple()).kind()).isEqualTo(Kind.TAKE_REMOTE);
        assertThat(Scripts.run("take(local)", Conflicts.simple()).kind()).isEqualTo(Kind.KEEP_LOCAL);
        HandlerVerdict deferred = Scripts.run("return defer('ask sales')", Conflicts.simple());
        assertThat(deferred.kind()).isEqualTo(Kind.DEFER);
        assertThat(deferred.reason()).isEqualTo("ask sales");
    }

    @Test
    void anythingElseReturnedFailsSayingWhatToReturn() {
        assertThat(Scripts.run("null", Conflicts.simple()).reason()).isEqualTo("handler returned null; "
                + "return keepLocal(), takeRemote(), merge(row), delete() or defer(reason)");
        assertThat(Scripts.run("'local'", Conflicts.simple()).reason()).startsWith("handler returned 'local' (String); return");
    }

    @Test
    void theConflictIsTyped() {
        String script = """
                assert conflict.type == 'update_differing'
                assert conflict.table == 'shop.orders'
                assert conflict.key == [7L]
                assert base.num('qty') == 10
                assert local.leader == 'dc1' && local.stamp == 100L && !local.later
                assert remote.later && conflict.later.is(remote)
                assert local.changed == ['qty'] as Set
                assert local.row['status'] == 'new' && local.row.has('price') && !local.row.has('nope')
                keepLocal()
                """;
        HandlerVerdict v = Scripts.run(script, Conflicts.simple());
        assertThat(v.reason()).isEmpty();
        assertThat(v.kind()).isEqualTo(Kind.KEEP_LOCAL);
    }

    @Test
    void mergedNumbersTakeTheColumnsType() {
        HandlerVerdict v = Scripts.run("merge(local.row.with(qty: local.num('qty') * 2, price: 10, status: \"x${1}\"))",
                Conflicts.simple());
        assertThat(v.kind()).isEqualTo(Kind.MERGED);
        assertThat(v.row().get("qty")).isEqualTo(24L);
        assertThat(v.row().get("price")).isEqualTo(new BigDecimal("10"));
        assertThat(v.row().get("status")).isEqualTo("x1");
    }

    @Test
    void aMergedRowThatCannotBeWrittenFailsNamingTheColumn() {
        assertThat(Scripts.run("merge(local.row.with(qty: 2.5))", Conflicts.simple()).reason())
                .isEqualTo("merge(row): column 'qty' holds Long values; 2.5 is not one");
        assertThat(Scripts.run("merge([id: 7L, colour: 'red'])", Conflicts.simple()).reason())
                .isEqualTo("merge(row): 'colour' is not a column of shop.orders");
        assertThat(Scripts.run("merge([id: 7L, status: ['a']])", Conflicts.simple()).reason())
                .startsWith("merge(row): column 'status' holds a ArrayList; a column takes a number, text");
    }

    @Test
    void aDeletedSideHasNoRowAndChangedEveryBaseColumn() {
        String script = "assert remote.deleted && remote.row == null && remote.num('qty') == null\n"
                + "assert remote.changed == ['id', 'qty', 'status', 'price'] as Set\nkeepLocal()";
        HandlerVerdict v = Scripts.run(script, update(order(1, "new", "1"), order(2, "new", "1"), 100, null, 200));
        assertThat(v.reason()).isEmpty();
    }
}
