package io.concordbridge.core.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A 16-byte hash of a row image (column name to {@link Values} value) that is the same whether the
 * row came from the capture or was read back from its table: the first 16 bytes of SHA-256 over the
 * columns sorted by name, each name and value in the {@link Canonical} encoding (numbers by value,
 * a float by its exact double value, bytes by content, temporal values by value). The apply keeps
 * it beside a row's version stamp to tell whether the row is still the version that was stamped.
 * Stateless and thread-safe.
 */
public final class RowHash {

    public static final int LENGTH = 16;

    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private RowHash() {
    }

    /** The hash of a row; throws {@link IllegalArgumentException} for a value that is not a Values type. */
    public static byte[] of(Map<String, Object> row) {
        List<String> names = new ArrayList<>(row.keySet());
        names.sort(null);
        Canonical c = new Canonical(256);
        for (String name : names) {
            c.name(name).value(row.get(name));
        }
        MessageDigest md = SHA_256.get();
        md.reset();
        md.update(c.buffer(), 0, c.size());
        return Arrays.copyOf(md.digest(), LENGTH);
    }

    /** Whether a stored hash (possibly null) is the hash of {@code row} (possibly null: absent). */
    public static boolean matches(byte[] stored, Map<String, Object> row) {
        return stored != null && row != null && Arrays.equals(stored, of(row));
    }
}
