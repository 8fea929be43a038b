package io.concordbridge.core.conflict;

import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The leader-independent id of a {@link Conflict}: SHA-256 over a canonical encoding of the table,
 * the key(s) and the sorted pair of stamps, cut to 32 hex digits. Every token is length-prefixed
 * so that no two inputs encode alike; numbers are encoded by value (a {@code Long} 5 and a
 * {@code BigInteger} 5 alike, {@code 1.50} and {@code 1.5} alike). Stateless.
 */
final class ConflictId {

    private static final int HEX_DIGITS = 32;

    private ConflictId() {
    }

    static String of(Conflict c) {
        List<String> keys = new ArrayList<>();
        keys.add(key(c.key()));
        if (c.unique() != null) {
            keys.add(key(c.unique().otherKey()));
        }
        keys.sort(null);
        List<String> stamps = new ArrayList<>(List.of(stamp(c.local().stamp()), stamp(c.remote().stamp())));
        stamps.sort(null);
        StringBuilder s = new StringBuilder();
        token(s, "conflict-v1");
        token(s, c.table().schema());
        token(s, c.table().table());
        keys.forEach(k -> token(s, k));
        stamps.forEach(t -> token(s, t));
        return sha256(s.toString()).substring(0, HEX_DIGITS);
    }

    private static String key(RowKey key) {
        StringBuilder s = new StringBuilder();
        for (Object v : key.values()) {
            token(s, value(v));
        }
        return s.toString();
    }

    private static String stamp(Stamp stamp) {
        return stamp == null ? "-" : stamp.micros() + "@" + stamp.leader();
    }

    static String value(Object v) {
        if (v == null) {
            return "n";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            return "i" + v;
        }
        if (v instanceof BigDecimal d) {
            return "d" + d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof byte[] b) {
            return "x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof String str) {
            return "s" + str;
        }
        return v.getClass().getSimpleName() + ":" + v;
    }

    private static void token(StringBuilder s, String t) {
        s.append(t.length()).append(':').append(t).append(';');
    }

    private static String sha256(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
