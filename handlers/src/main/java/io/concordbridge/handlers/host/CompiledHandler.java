package io.concordbridge.handlers.host;

import io.concordbridge.handlers.api.HandlerScript;

/**
 * One compiled version of a handler file: its script class (a new instance per call) and the short
 * hash of the text it was compiled from. Immutable.
 *
 * @param file   the file name ({@code orders.groovy})
 * @param hash   the first 8 hex digits of the SHA-256 of the file's bytes
 * @param script the compiled script class
 */
public record CompiledHandler(String file, String hash, Class<? extends HandlerScript> script) {

    /** {@code orders.groovy@3f2a9c1b}: the handler and the version of it, for verdicts and logs. */
    public String id() {
        return file + "@" + hash;
    }
}
