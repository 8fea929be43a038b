package io.concordbridge.core.config;

import java.util.Optional;

/**
 * Notifications of newly stored conflicts. Immutable.
 *
 * @param webhookUrl    where each notification is POSTed; empty for none
 * @param includeValues whether notifications carry the key and the versions' values
 */
public record NotifyConfig(String webhookUrl, boolean includeValues) {

    public static NotifyConfig none() {
        return new NotifyConfig("", false);
    }

    public Optional<String> webhook() {
        return webhookUrl.isBlank() ? Optional.empty() : Optional.of(webhookUrl);
    }
}
