package io.concordbridge.ops.runtime;

import io.concordbridge.connectors.transport.kafka.KafkaTransport;
import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.transport.Transport;
import io.concordbridge.core.transport.spool.FileSpoolTransport;

import java.nio.file.Path;
import java.util.List;

/**
 * Opens the transport {@code transport.kind} names: the file log under the state directory (hub
 * mode) or Kafka (sidecar mode), for every configured leader. Stateless.
 */
final class Transports {

    private Transports() {
    }

    static Transport open(BridgeConfig config, Path stateDir) {
        List<String> leaders = List.copyOf(config.leaders().keySet());
        return switch (config.transport().kind()) {
            case IN_PROCESS -> FileSpoolTransport.forLeaders(stateDir, leaders);
            case KAFKA -> {
                try {
                    yield KafkaTransport.start(config.transport(), leaders, KafkaTransport.DEFAULT_START_WAIT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while connecting to Kafka at "
                            + config.transport().bootstrapServers(), e);
                }
            }
        };
    }
}
