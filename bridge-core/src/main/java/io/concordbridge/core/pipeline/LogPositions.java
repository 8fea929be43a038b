package io.concordbridge.core.pipeline;

import java.util.Comparator;

/**
 * Orders origin log positions written as {@code file:offset} (MariaDB: {@code binlog.000012:4711}):
 * by the file's name without its number, then its number, then the offset.
 */
public final class LogPositions {

    public static final Comparator<String> ORDER = LogPositions::compare;

    private LogPositions() {
    }

    /** True when {@code position} is at or after {@code target}. */
    public static boolean reached(String position, String target) {
        return position != null && compare(position, target) >= 0;
    }

    public static int compare(String a, String b) {
        int ca = a.lastIndexOf(':');
        int cb = b.lastIndexOf(':');
        String fa = a.substring(0, ca);
        String fb = b.substring(0, cb);
        int c = compareFiles(fa, fb);
        return c != 0 ? c : Long.compare(Long.parseLong(a.substring(ca + 1)), Long.parseLong(b.substring(cb + 1)));
    }

    private static int compareFiles(String a, String b) {
        int da = a.lastIndexOf('.');
        int db = b.lastIndexOf('.');
        if (da < 0 || db < 0) {
            return a.compareTo(b);
        }
        int c = a.substring(0, da).compareTo(b.substring(0, db));
        if (c != 0) {
            return c;
        }
        try {
            return Long.compare(Long.parseLong(a.substring(da + 1)), Long.parseLong(b.substring(db + 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }
}
