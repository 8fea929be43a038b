package io.concordbridge.core.transport.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentNavigableMap;

/**
 * Which of one origin's segments may go: records how far each target leader has applied the log
 * and deletes the oldest segments whose entries are all at or below the lowest of those, never the
 * segment holding the head. A target that never acknowledged holds everything, and so does an
 * origin with no targets. Progress is kept in memory only, which is safe: after a restart every
 * target holds everything again until it acknowledges, so deletion can only lag. Thread-safe.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final String origin;
    private final Set<String> targets;
    private final ConcurrentNavigableMap<Long, Segment> segments;
    private final Map<String, Long> acked = new HashMap<>();

    Retention(String origin, Set<String> targets, ConcurrentNavigableMap<Long, Segment> segments) {
        this.origin = origin;
        this.targets = Set.copyOf(targets);
        this.segments = segments;
    }

    /** Records that {@code target} applied up to {@code seq} (a lower value than before is ignored) and deletes what it can. */
    synchronized void acknowledge(String target, long seq, long headSeq) {
        if (!targets.contains(target)) {
            throw new IllegalArgumentException("'" + target + "' is not a target of origin '" + origin
                    + "'; its targets are " + new TreeSet<>(targets));
        }
        if (seq < 0 || seq > headSeq) {
            throw new IllegalArgumentException("'" + target + "' acknowledged seq " + seq + " of origin '" + origin
                    + "', but that origin's spool ends at seq " + headSeq);
        }
        acked.merge(target, seq, Math::max);
        if (acked.size() == targets.size()) {
            deleteThrough(acked.values().stream().mapToLong(Long::longValue).min().orElseThrow(), headSeq);
        }
    }

    /** Throws {@link IllegalStateException} if the entries after {@code afterSeq} are no longer all retained. */
    void checkRetained(long afterSeq) {
        Map.Entry<Long, Segment> first = segments.firstEntry();
        if (first != null && afterSeq + 1 < first.getKey()) {
            throw new IllegalStateException("Cannot read the spool of origin '" + origin + "' after seq " + afterSeq
                    + ": the oldest retained entry is seq " + first.getKey()
                    + " (older segments were deleted once every target had acknowledged them)");
        }
    }

    private void deleteThrough(long floor, long headSeq) {
        while (true) {
            Map.Entry<Long, Segment> first = segments.firstEntry();
            Long nextFirst = first == null ? null : segments.higherKey(first.getKey());
            if (nextFirst == null || nextFirst - 1 > floor || nextFirst - 1 >= headSeq) {
                return;
            }
            Segment s = first.getValue();
            segments.remove(s.firstSeq());
            try {
                Files.deleteIfExists(s.path());
                LOG.info("Spool of origin '{}': deleted {} (seqs {}..{}), applied by every target", origin, s, s.firstSeq(), nextFirst - 1);
            } catch (IOException e) {
                LOG.warn("Spool of origin '{}': cannot delete {} ({}); it is no longer read", origin, s, e.toString());
            }
        }
    }
}
