package io.concordbridge.core.config;

import io.concordbridge.core.model.TableId;

/** One replicated table and how it is replicated. */
public record TableConfig(TableId id) {
}
