package io.concordbridge.core.config;

/** A credential resolved from the config (literal, {@code ${ENV}} or {@code file:PATH}); never printed. */
public final class Secret {

    private final String value;

    public Secret(String value) {
        this.value = value == null ? "" : value;
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "******";
    }
}
