package io.concordbridge.core.model;

/** The kind of a row-level change. */
public enum Op {
    INSERT, UPDATE, DELETE
}
