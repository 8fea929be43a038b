package io.concordbridge.connectors.capture.mariadb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The resume token of a MariaDB capture: a Debezium binlog source offset, as compact JSON
 * ({@code {"file":"binlog.000001","pos":1131,"gtids":"0-1-4",...}}), that Debezium's offset store
 * can be seeded with unchanged. Tokens hold only a transaction boundary: the binlog position and
 * the GTID position (one GTID per replication domain, as MariaDB takes it when a replica connects),
 * never Debezium's counters for resuming inside a transaction. Stateless.
 */
final class ResumeToken {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEPT = List.of("file", "pos", "gtids", "ts_sec", "server_id");
    private static final Pattern GTID = Pattern.compile("(\\d+)-\\d+-\\d+");

    private ResumeToken() {
    }

    /**
     * Right after a transaction: its end record's offset (which Debezium leaves at the transaction's
     * start) with the transaction's GTID added, so that Debezium's GTID-based reconnect skips it.
     */
    static String afterTransaction(Map<String, ?> endOffset, String gtid) {
        Map<String, Object> offset = boundary(endOffset);
        if (gtid != null && GTID.matcher(gtid).matches()) {
            offset.put("gtids", withGtid((String) endOffset.get("gtids"), gtid));
        }
        return write(offset);
    }

    /** At a position between transactions (a heartbeat's offset). */
    static String at(Map<String, ?> offset) {
        return write(boundary(offset));
    }

    /** Parses a token; throws {@link IllegalArgumentException} if it is not one this capture made. */
    static Map<String, Object> parse(String token) {
        Map<String, Object> offset;
        try {
            offset = token == null ? null : JSON.readValue(token, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("resume token '" + token + "' is not JSON", e);
        }
        if (offset == null) {
            throw new IllegalArgumentException("resume token is missing");
        }
        BinlogPosition.fromOffset(offset);
        return offset;
    }

    /** A MariaDB GTID position with {@code gtid} replacing the previous GTID of its domain. */
    static String withGtid(String gtids, String gtid) {
        Map<String, String> byDomain = new LinkedHashMap<>();
        if (gtids != null) {
            for (String g : gtids.replace("\n", "").split(",")) {
                var m = GTID.matcher(g.trim());
                if (m.matches()) {
                    byDomain.put(m.group(1), g.trim());
                }
            }
        }
        var m = GTID.matcher(gtid);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + gtid + "' is not a MariaDB GTID");
        }
        byDomain.put(m.group(1), gtid);
        return String.join(",", byDomain.values());
    }

    private static Map<String, Object> boundary(Map<String, ?> offset) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String key : KEPT) {
            if (offset.get(key) != null) {
                kept.put(key, offset.get(key));
            }
        }
        return kept;
    }

    private static String write(Map<String, Object> offset) {
        try {
            return JSON.writeValueAsString(offset);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the source offset " + offset + " as JSON", e);
        }
    }
}
