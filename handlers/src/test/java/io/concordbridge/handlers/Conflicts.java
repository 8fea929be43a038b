package io.concordbridge.handlers;

import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictType;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Conflicts built for tests: an order row of shop.orders (id, qty, status, price) changed on dc1 and dc2. */
public final class Conflicts {

    public static final TableId ORDERS = TableId.parse("shop.orders");

    private Conflicts() {
    }

    /** An order row. */
    public static Map<String, Object> order(long qty, String status, String price) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 7L);
        row.put("qty", qty);
        row.put("status", status);
        row.put("price", new BigDecimal(price));
        return row;
    }

    /** update_differing: local written by dc1 at {@code localMicros}, remote by dc2 at {@code remoteMicros}. */
    public static Conflict update(Map<String, Object> base, Map<String, Object> local, long localMicros,
                                  Map<String, Object> remote, long remoteMicros) {
        return new Conflict(ConflictType.UPDATE_DIFFERING, ORDERS, new RowKey(ORDERS, List.of(7L)), base,
                new Version("dc1", new Stamp(localMicros, "dc1"), local),
                new Version("dc2", new Stamp(remoteMicros, "dc2"), remote));
    }

    /** A plain update_differing conflict: qty 10 to 12 on dc1 (earlier), to 15 on dc2 (later). */
    public static Conflict simple() {
        return update(order(10, "new", "9.99"), order(12, "new", "9.99"), 100, order(15, "new", "9.99"), 200);
    }
}
