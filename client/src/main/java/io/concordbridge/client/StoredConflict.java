package io.concordbridge.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An open conflict as a leader's meta schema keeps it: the same id and versions on every leader.
 * Immutable.
 *
 * @param conflictId 32 hex digits, the same on every leader
 * @param table      {@code db.table}
 * @param rowKey     the key as text, {@code id=7}
 * @param type       {@code update_differing}, {@code insert_exists}, ...
 * @param policy     what stored it: {@code manual} or {@code handler}
 * @param winner     the leader whose version is the provisional winner in the table; null when none
 * @param siblings   every conflicting version, oldest stamp first
 * @param base       the version both sides started from, when known
 * @param reason     why it is stored (the handler's reason, a failure, "stored for read-time resolution")
 * @param createdAt  when this leader stored it
 */
public record StoredConflict(String conflictId, String table, String rowKey, String type, String policy,
                             String winner, List<Sibling> siblings, Map<String, Object> base, String reason,
                             Instant createdAt) {

    public StoredConflict {
        siblings = List.copyOf(siblings);
    }

    /** The newest version written by {@code leader}, if it wrote one. */
    public Optional<Sibling> siblingOf(String leader) {
        Sibling found = null;
        for (Sibling s : siblings) {
            if (leader.equals(s.leader())) {
                found = s;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The highest stamp among the siblings, in micros (0 when none is stamped). */
    public long maxStampMicros() {
        long max = 0;
        for (Sibling s : siblings) {
            if (s.stamp() != null) {
                max = Math.max(max, s.stamp().micros());
            }
        }
        return max;
    }
}
