package io.concordbridge.core.conflict;

import io.concordbridge.core.model.RowKey;

import java.util.Objects;

/**
 * Why a row could not be written although its own key was free: another key holds the same value
 * of a unique index. The apply learns both from the database's error. Immutable.
 *
 * @param index    the unique index's name
 * @param otherKey the key of the row that holds the value
 */
public record UniqueClash(String index, RowKey otherKey) {

    public UniqueClash {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(otherKey, "otherKey");
    }

    /** {@code unique index uk_email, held by shop.users 42}. */
    public String describe() {
        return "unique index " + index + ", held by " + otherKey;
    }
}
