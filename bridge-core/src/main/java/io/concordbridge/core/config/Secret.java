package io.concordbridge.core.config;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * A credential resolved from the config (literal, {@code ${ENV}} or {@code file:PATH}); never
 * printed: {@link #toString()} masks it, so records holding it can be logged. Immutable.
 */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && MessageDigest.isEqual(bytes(), s.bytes());
    }

    /** Constant: a hash of the value would be a number derived from it, and numbers end up in logs. */
    @Override
    public int hashCode() {
        return 0x5ec;
    }

    @Override
    public String toString() {
        return "******";
    }

    private byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
