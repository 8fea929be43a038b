package io.concordbridge.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HttpConfigTest {

    /** Two leaders and a table: the smallest valid config, for the section tests. */
    static final String BASE = """
            cluster: shop
            leaders:
              dc1: { host: 127.0.0.1, port: 33061, user: root }
              dc2: { host: 127.0.0.1, port: 33062, user: root }
            tables: [ shop.items ]
            """;

    @Test
    void withoutAnHttpSectionTheServerListensOnLoopbackPort9464() {
        HttpConfig http = ConfigLoader.parse("t.yaml", BASE, Map.of()).http();

        assertThat(http).isEqualTo(new HttpConfig(true, "127.0.0.1", 9464, 30000)).isEqualTo(HttpConfig.defaults());
    }

    @Test
    void givenValuesWin() {
        HttpConfig http = ConfigLoader.parse("t.yaml", BASE
                + "http: { enabled: false, bind: 0.0.0.0, port: 0, ready-max-lag-ms: 500 }\n", Map.of()).http();

        assertThat(http).isEqualTo(new HttpConfig(false, "0.0.0.0", 0, 500));
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        assertThat(ConfigLoader.parse("t.yaml", BASE + "http: { enabled: FALSE }\n", Map.of()).http().enabled())
                .isFalse();
    }

    @Test
    void everyProblemOfTheSectionIsReportedWithTheOthers() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse("t.yaml",
                BASE.replace("port: 33061", "port: 0")
                        + "http: { enabled: maybe, bind: '', port: 70000, ready-max-lag-ms: 0, tokn: x }\n", Map.of()));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "leaders.dc1.port=0: must be 1..65535",
                "http.tokn: is not a known key (did you mean token?); known keys: enabled, bind, port, ready-max-lag-ms, token",
                "http.enabled=maybe: must be true or false",
                "http.bind=\"\": must not be blank",
                "http.port=70000: must be 0..65535",
                "http.ready-max-lag-ms=0: must be a positive integer");
    }

    @Test
    void theSectionMustBeAMap() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ConfigLoader.parse("t.yaml", BASE + "http: 9464\n", Map.of()));

        assertThat(e.problems()).containsExactly("http=9464: must be a map of keys and values");
    }
}
