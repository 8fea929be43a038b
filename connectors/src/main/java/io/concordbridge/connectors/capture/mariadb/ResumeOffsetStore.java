package io.concordbridge.connectors.capture.mariadb;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * Debezium's offset store for one MariaDB capture: a single JSON file in the leader's state
 * directory ({@code offset.storage.file.filename}). {@link MariaDbCapture} writes the sink head's
 * resume token into that file before every start, so Debezium resumes right after the newest
 * transaction the sink has accepted; what Debezium commits while running is written back to the
 * same file (for operators to read; the next start overwrites it from the sink head again).
 *
 * <p>An engine has one connector with one partition, so the seed answers a lookup of any key.
 * Instantiated by the Debezium engine by class name. Thread-safe.
 */
public final class ResumeOffsetStore implements OffsetBackingStore {

    static final String FILE_PROPERTY = "offset.storage.file.filename";
    private static final Logger LOG = LoggerFactory.getLogger(ResumeOffsetStore.class);

    private final Map<ByteBuffer, ByteBuffer> data = new HashMap<>();
    private Path file;
    private ByteBuffer seed;

    @Override
    public synchronized void configure(WorkerConfig config) {
        Object name = config.originals().get(FILE_PROPERTY);
        if (name == null || name.toString().isBlank()) {
            throw new IllegalArgumentException("Invalid value null for configuration " + FILE_PROPERTY
                    + ": the offset store needs a file");
        }
        file = Path.of(name.toString());
    }

    @Override
    public synchronized void start() {
        try {
            seed = Files.exists(file) ? ByteBuffer.wrap(Files.readAllBytes(file)) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the capture offsets " + file, e);
        }
        LOG.debug("offset store {} starts with {}", file, seed == null ? "no offset" : "a seeded offset");
    }

    @Override
    public void stop() {
        // nothing to release: every set() is already written
    }

    @Override
    public synchronized Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
        Map<ByteBuffer, ByteBuffer> result = new HashMap<>();
        for (ByteBuffer key : keys) {
            ByteBuffer value = data.getOrDefault(key, seed);
            if (value != null) {
                result.put(key, value.duplicate());
            }
        }
        return CompletableFuture.completedFuture(result);
    }

    @Override
    public synchronized Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
        RuntimeException failure = null;
        try {
            data.putAll(values);
            for (ByteBuffer value : values.values()) {
                if (value != null) {
                    write(value);
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        if (callback != null) {
            callback.onCompletion(failure, null);
        }
        return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
    }

    @Override
    public Set<Map<String, Object>> connectorPartitions(String connectorName) {
        return Set.of();
    }

    private void write(ByteBuffer value) {
        byte[] bytes = new byte[value.remaining()];
        value.duplicate().get(bytes);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the capture offsets " + file, e);
        }
    }
}
