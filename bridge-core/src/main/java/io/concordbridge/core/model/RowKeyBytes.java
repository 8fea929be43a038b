package io.concordbridge.core.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical bytes of a primary key, for storing per-row metadata keyed by row (the meta schema's
 * {@code row_version.pk}): equal for equal key values however they were typed (see {@link Canonical}),
 * so the key of a captured change and the key read back from the table match. At most
 * {@link #MAX_LENGTH} bytes: a format byte {@code 1} and the canonical values, or, for keys whose
 * encoding is longer, a format byte {@code 2} and the SHA-256 of the encoding. Stateless.
 */
public final class RowKeyBytes {

    public static final int MAX_LENGTH = 767;
    private static final byte PLAIN = 1;
    private static final byte DIGEST = 2;

    private RowKeyBytes() {
    }

    public static byte[] of(RowKey key) {
        return of(key.values());
    }

    /** The bytes of key column values, in key order. */
    public static byte[] of(List<Object> values) {
        Canonical c = new Canonical(32);
        for (Object v : values) {
            c.value(v);
        }
        if (c.size() + 1 <= MAX_LENGTH) {
            byte[] out = new byte[c.size() + 1];
            out[0] = PLAIN;
            System.arraycopy(c.buffer(), 0, out, 1, c.size());
            return out;
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(c.buffer(), 0, c.size());
            byte[] digest = md.digest();
            byte[] out = Arrays.copyOf(new byte[] {DIGEST}, 1 + digest.length);
            System.arraycopy(digest, 0, out, 1, digest.length);
            return out;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
