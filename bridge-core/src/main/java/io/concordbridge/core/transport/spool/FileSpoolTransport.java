package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.transport.LogHead;
import io.concordbridge.core.transport.Transport;
import io.concordbridge.core.transport.TransportReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The durable in-process transport of hub mode: one append-only log per origin under
 * {@code stateDir/spool/<origin>/}, in segment files named by their first sequence number and
 * rolled at a configurable size. Each entry is one transaction, framed as
 * {@code [length][CRC32C][payload]} (see {@link Frames}, {@link ChangeCodec}).
 * <ul>
 *   <li>{@link #publish} assigns consecutive seqs from head + 1, writes every entry, forces once
 *       (plus once per segment it rolls past), and only then shows them to readers.</li>
 *   <li>On open, each origin's newest segment is scanned and a torn tail is truncated with a WARN.</li>
 *   <li>A segment is deleted once every target of its origin acknowledged all its entries, never
 *       the one holding the head; a target that never acknowledged keeps everything.</li>
 * </ul>
 * Thread-safe: one publisher per origin, any number of readers on other threads.
 */
public final class FileSpoolTransport implements Transport {

    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(FileSpoolTransport.class);
    private static final Pattern ORIGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path root;
    private final long segmentBytes;
    private final Map<String, Set<String>> targets;
    private final Map<String, OriginLog> logs = new ConcurrentHashMap<>();
    private final Set<SpoolReader> readers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A spool with 64 MiB segments; {@code targets} maps each origin to the leaders that apply it. */
    public FileSpoolTransport(Path stateDir, Map<String, Set<String>> targets) {
        this(stateDir, targets, DEFAULT_SEGMENT_BYTES);
    }

    /** Opens (creating if needed) the spool under {@code stateDir/spool} and recovers every origin's log found there. */
    public FileSpoolTransport(Path stateDir, Map<String, Set<String>> targets, long segmentBytes) {
        if (segmentBytes < Frames.HEADER_BYTES + 1) {
            throw new IllegalArgumentException("segment size " + segmentBytes + " is too small");
        }
        this.root = stateDir.resolve("spool");
        this.segmentBytes = segmentBytes;
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        targets.forEach((origin, ts) -> copy.put(checkName(origin), Set.copyOf(ts)));
        this.targets = Map.copyOf(copy);
        try {
            Files.createDirectories(root);
            try (Stream<Path> dirs = Files.list(root)) {
                for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory).sorted()::iterator) {
                    String origin = d.getFileName().toString();
                    if (ORIGIN.matcher(origin).matches()) {
                        logs.put(origin, newLog(origin));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the spool in " + root + ": " + e.getMessage(), e);
        }
    }

    /** A spool for a full mesh: every leader's log is applied by all the others. */
    public static FileSpoolTransport forLeaders(Path stateDir, List<String> leaders, long segmentBytes) {
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        for (String origin : leaders) {
            Set<String> others = new HashSet<>(leaders);
            others.remove(origin);
            targets.put(origin, others);
        }
        return new FileSpoolTransport(stateDir, targets, segmentBytes);
    }

    public static FileSpoolTransport forLeaders(Path stateDir, List<String> leaders) {
        return forLeaders(stateDir, leaders, DEFAULT_SEGMENT_BYTES);
    }

    /** {@inheritDoc} The transactions' own seqs are ignored; each must be of {@code origin}. */
    @Override
    public List<OriginTransaction> publish(String origin, List<OriginTransaction> txs) throws InterruptedException {
        checkOpen();
        Transport.requireOrigin(origin, txs, "spool");
        return txs.isEmpty() ? List.of() : log(origin).append(txs);
    }

    @Override
    public Optional<LogHead> head(String origin) {
        OriginLog log = logs.get(origin);
        return Optional.ofNullable(log == null ? null : log.head());
    }

    /**
     * {@inheritDoc} Throws {@link IllegalStateException} naming the oldest retained seq if entries
     * after {@code afterSeq} were already deleted. A reader past the head waits for new entries.
     */
    @Override
    public TransportReader open(String origin, long afterSeq) {
        checkOpen();
        if (afterSeq < 0) {
            throw new IllegalArgumentException("afterSeq must not be negative, was " + afterSeq + " for origin '" + origin + "'");
        }
        OriginLog log = log(origin);
        log.checkRetained(afterSeq);
        SpoolReader reader = new SpoolReader(log, afterSeq, readers::remove);
        readers.add(reader);
        return reader;
    }

    /** {@inheritDoc} Throws {@link IllegalArgumentException} for a target the origin was not configured with, or a seq past its head. */
    @Override
    public void acknowledge(String origin, String target, long seq) {
        checkOpen();
        log(origin).acknowledge(target, seq);
    }

    /** Closes every log and reader; readers blocked in poll return an empty list at once. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        logs.values().forEach(OriginLog::close);
        new ArrayList<>(readers).forEach(SpoolReader::close);
        LOG.info("Spool in {} closed", root);
    }

    private OriginLog log(String origin) {
        checkName(origin);
        return logs.computeIfAbsent(origin, o -> {
            try {
                return newLog(o);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot open the spool of origin '" + o + "' in " + root + ": " + e.getMessage(), e);
            }
        });
    }

    private OriginLog newLog(String origin) throws IOException {
        return new OriginLog(origin, root.resolve(origin), segmentBytes, targets.getOrDefault(origin, Set.of()));
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The spool in " + root + " is closed");
        }
    }

    private static String checkName(String origin) {
        if (origin == null || !ORIGIN.matcher(origin).matches()) {
            throw new IllegalArgumentException("'" + origin + "' is not a usable origin name: use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
        return origin;
    }
}
