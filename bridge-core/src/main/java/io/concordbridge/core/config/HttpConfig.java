package io.concordbridge.core.config;

/**
 * The HTTP server for metrics and health checks. Immutable.
 *
 * @param enabled       whether the bridge listens at all
 * @param bind          the address to listen on
 * @param port          the TCP port; 0 picks a free one
 * @param readyMaxLagMs the apply lag, in milliseconds, above which a pair that is still catching up
 *                      makes the bridge not ready
 * @param token         the bearer token state-changing requests need; empty: they are refused
 */
public record HttpConfig(boolean enabled, String bind, int port, int readyMaxLagMs, Secret token) {

    public HttpConfig {
        token = token == null ? new Secret("") : token;
    }

    /** Without a token: state-changing requests are refused. */
    public HttpConfig(boolean enabled, String bind, int port, int readyMaxLagMs) {
        this(enabled, bind, port, readyMaxLagMs, new Secret(""));
    }

    /** The declared defaults of {@link ConfigKeys}. */
    public static HttpConfig defaults() {
        return new HttpConfig(ConfigKeys.HTTP_ENABLED.defaultValue(), ConfigKeys.HTTP_BIND.defaultValue(),
                ConfigKeys.HTTP_PORT.defaultValue(), ConfigKeys.HTTP_READY_MAX_LAG_MS.defaultValue());
    }
}
