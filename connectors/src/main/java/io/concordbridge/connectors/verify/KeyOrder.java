package io.concordbridge.connectors.verify;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The order of primary keys that every leader's {@code ORDER BY} produces (see
 * {@link io.concordbridge.connectors.apply.mariadb.ColumnKind#orderExpression}): strings by
 * Unicode code point, which is their UTF-8 byte order; byte arrays unsigned; numbers by value;
 * temporal values naturally. Values of different classes (a zero date read as text beside
 * dates) order by class rank, so the comparison is total. Stateless.
 */
final class KeyOrder implements Comparator<List<Object>> {

    static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    @Override
    public int compare(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compareValues(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.compareUnsigned(x, y);
        }
        if (isNumber(a) && isNumber(b)) {
            return decimal(a).compareTo(decimal(b));
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable x) {
            return x.compareTo(b);
        }
        return a.getClass().getName().compareTo(b.getClass().getName());
    }

    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    private static boolean isNumber(Object v) {
        return v instanceof Long || v instanceof BigInteger || v instanceof BigDecimal
                || v instanceof Double || v instanceof Float;
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof BigInteger i) {
            return new BigDecimal(i);
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return new BigDecimal(((Number) v).doubleValue());
    }
}
