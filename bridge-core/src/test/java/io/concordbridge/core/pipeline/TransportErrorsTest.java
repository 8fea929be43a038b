package io.concordbridge.core.pipeline;

import io.concordbridge.core.transport.TransportUnavailableException;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

class TransportErrorsTest {

    @Test
    void aCaptureFailureCausedByTheTransportIsToldApartFromOthers() {
        TransportUnavailableException kafka = new TransportUnavailableException("Kafka at 127.0.0.1:9092 unreachable",
                new IOException("timeout"));
        assertThat(CaptureSupervisor.causedByTransport(kafka)).isTrue();
        assertThat(CaptureSupervisor.causedByTransport(new IllegalStateException("publishing", kafka))).isTrue();
        assertThat(CaptureSupervisor.causedByTransport(new IllegalStateException("binlog gone",
                new IOException("connection reset")))).isFalse();
    }

    @Test
    void transportErrorsAreCountedPerLeader() {
        PipelineStats stats = new PipelineStats();
        stats.transportError("dc1");
        stats.transportError("dc1");
        assertThat(stats.transportErrors("dc1")).isEqualTo(2);
        assertThat(stats.transportErrors("dc2")).isZero();
    }
}
