package io.concordbridge.ops.metrics;

import io.concordbridge.core.conflict.HandlerVerdict;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConflictMetricsTest {

    @Test
    void handlerAnswersAreCountedByKindWithTimeoutsApartAndTimed() throws Exception {
        PrometheusRegistry registry = new PrometheusRegistry();
        ConflictMetrics m = new ConflictMetrics(List.of("dc1"), List.of("shop.orders"));
        m.register(registry);
        m.handled("dc1", "shop.orders", new HandlerVerdict(HandlerVerdict.Kind.FAILED, null, "timed out after 500 ms",
                "o.groovy@1"), 500_000);
        m.handled("dc1", "shop.orders", new HandlerVerdict(HandlerVerdict.Kind.FAILED, null, "threw boom", "o.groovy@1"),
                20);
        m.handled("dc1", "shop.orders", new HandlerVerdict(HandlerVerdict.Kind.MERGED, Map.of("id", 1L), "",
                "o.groovy@1"), 30);

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter.create().write(out, registry.scrape());
        Samples s = Samples.parse(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(s.value("concord_handler_verdicts_total", "kind", "timed_out", "leader", "dc1", "table", "shop.orders"))
                .isEqualTo(1);
        assertThat(s.value("concord_handler_verdicts_total", "kind", "failed", "leader", "dc1", "table", "shop.orders"))
                .isEqualTo(1);
        assertThat(s.value("concord_handler_duration_seconds_count", "leader", "dc1", "table", "shop.orders"))
                .isEqualTo(3);
        assertThat(s.value("concord_handler_duration_seconds_sum", "leader", "dc1", "table", "shop.orders"))
                .isCloseTo(0.50005, org.assertj.core.data.Offset.offset(1e-6));
    }
}
