package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.Cells;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of one spool entry (the payload inside a frame), format {@value #FORMAT_V1}:
 * <pre>
 * format:byte seq:varlong stampHighWater:zigzag txId:str? position:str? commitMillis:zigzag
 * capturedMillis:zigzag resumeToken:str? changeCount:varlong change*
 * change = schema:str table:str op:byte keyColumnCount:varlong keyColumn:str* before:image after:image stamp
 * image  = 0 (null) | 1 count:varlong (name:str value)* | 2 value* (same columns, same order as before)
 * stamp  = 0 (none) | 1 micros:zigzag (leader is the origin) | 2 micros:zigzag leader:str
 *        | 3 micros:zigzag lead:zigzag | 4 micros:zigzag leader:str lead:zigzag
 *          (3 and 4: a precedence other than the micros, written as precedence - micros);
 *          the kind plus 8: column stamps follow the stamp
 * cells  = count:varlong (name:str cell)*
 * cell   = 0 (the change's stamp) | 1 (none) | 2 stamp (the stamp's encoding above, kinds 1 to 4)
 * </pre>
 * The origin is not stored: the log an entry lives in names it. Values are encoded by
 * {@link ValueCodec}. Stateless and thread-safe.
 */
public final class ChangeCodec {

    public static final int FORMAT_V1 = 1;
    /** Added to a stamp's kind when column stamps follow it. */
    private static final int CELLS = 8;

    private ChangeCodec() {
    }

    /** Encodes an entry; throws {@link IllegalArgumentException} naming the class of an unsupported value. */
    public static byte[] encode(long seq, long stampHighWater, OriginTransaction tx) {
        SpoolOutput out = new SpoolOutput();
        encode(seq, stampHighWater, tx, out);
        return out.toByteArray();
    }

    static void encode(long seq, long stampHighWater, OriginTransaction tx, SpoolOutput out) {
        out.writeByte(FORMAT_V1);
        out.writeVarLong(seq);
        out.writeZigZag(stampHighWater);
        out.writeNullableString(tx.txId());
        out.writeNullableString(tx.position());
        out.writeZigZag(tx.commitMillis());
        out.writeZigZag(tx.capturedMillis());
        out.writeNullableString(tx.resumeToken());
        out.writeVarLong(tx.changes().size());
        for (Change c : tx.changes()) {
            writeChange(out, c, tx.origin());
        }
    }

    /** Decodes an entry of {@code origin}'s log; throws {@link IllegalStateException} if it is not a valid entry. */
    public static SpoolEntry decode(String origin, byte[] payload) {
        SpoolInput in = new SpoolInput(payload);
        long seq = readHeaderSeq(in);
        long stampHighWater = in.readZigZag();
        String txId = in.readNullableString();
        String position = in.readNullableString();
        long commitMillis = in.readZigZag();
        long capturedMillis = in.readZigZag();
        String resumeToken = in.readNullableString();
        int count = in.readLength();
        List<Change> changes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            changes.add(readChange(in, origin));
        }
        if (in.remaining() != 0) {
            throw new IllegalStateException(in.remaining() + " unexpected bytes after entry seq " + seq);
        }
        OriginTransaction tx = new OriginTransaction(origin, seq, txId, position, commitMillis, capturedMillis, changes, resumeToken);
        return new SpoolEntry(seq, stampHighWater, tx);
    }

    /** The sequence number of an encoded entry, without decoding the rest. */
    public static long seqOf(byte[] payload) {
        return readHeaderSeq(new SpoolInput(payload));
    }

    private static long readHeaderSeq(SpoolInput in) {
        int format = in.readByte();
        if (format != FORMAT_V1) {
            throw new IllegalStateException("unsupported spool entry format " + format + " (this build reads format " + FORMAT_V1 + ")");
        }
        return in.readVarLong();
    }

    private static void writeChange(SpoolOutput out, Change c, String origin) {
        out.writeString(c.table().schema());
        out.writeString(c.table().table());
        out.writeByte(c.op().ordinal());
        out.writeVarLong(c.keyColumns().size());
        for (String k : c.keyColumns()) {
            out.writeString(k);
        }
        writeImage(out, c.before(), null);
        writeImage(out, c.after(), c.before());
        Stamp s = c.stamp();
        if (s == null) {
            out.writeByte(0);
        } else {
            writeStamp(out, s, origin, c.cells() == null ? 0 : CELLS);
        }
        if (s != null && c.cells() != null) {
            out.writeVarLong(c.cells().stamps().size());
            for (Map.Entry<String, Stamp> e : c.cells().stamps().entrySet()) {
                out.writeString(e.getKey());
                Stamp cell = e.getValue();
                if (cell == null) {
                    out.writeByte(1);
                } else if (cell.equals(s) && cell.precedence() == s.precedence()) {
                    out.writeByte(0);
                } else {
                    out.writeByte(2);
                    writeStamp(out, cell, origin, 0);
                }
            }
        }
    }

    private static void writeStamp(SpoolOutput out, Stamp s, String origin, int flags) {
        boolean own = s.leader().equals(origin);
        long lead = Math.subtractExact(s.precedence(), s.micros());
        out.writeByte(((own ? 1 : 2) + (lead == 0 ? 0 : 2)) | flags);
        out.writeZigZag(s.micros());
        if (!own) {
            out.writeString(s.leader());
        }
        if (lead != 0) {
            out.writeZigZag(lead);
        }
    }

    private static Stamp readStamp(SpoolInput in, int kind, String origin, TableId table) {
        if (kind < 1 || kind > 4) {
            throw new IllegalStateException("unknown stamp kind in a change of " + table);
        }
        long micros = in.readZigZag();
        String leader = kind % 2 == 1 ? origin : in.readString();
        return new Stamp(micros, leader, kind > 2 ? Math.addExact(micros, in.readZigZag()) : micros);
    }

    private static Change readChange(SpoolInput in, String origin) {
        TableId table = new TableId(in.readString(), in.readString());
        int opIndex = in.readByte();
        if (opIndex >= Op.values().length) {
            throw new IllegalStateException("unknown op " + opIndex + " in a change of " + table);
        }
        int keyCount = in.readLength();
        List<String> keys = new ArrayList<>(keyCount);
        for (int i = 0; i < keyCount; i++) {
            keys.add(in.readString());
        }
        Map<String, Object> before = readImage(in, null);
        Map<String, Object> after = readImage(in, before);
        int kind = in.readByte();
        Stamp stamp = kind == 0 ? null : readStamp(in, kind & ~CELLS, origin, table);
        Cells cells = null;
        if ((kind & CELLS) != 0) {
            int count = in.readLength();
            Map<String, Stamp> m = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String col = in.readString();
                int cell = in.readByte();
                m.put(col, switch (cell) {
                    case 0 -> stamp;
                    case 1 -> null;
                    case 2 -> readStamp(in, in.readByte(), origin, table);
                    default -> throw new IllegalStateException("unknown column stamp kind in a change of " + table);
                });
            }
            cells = new Cells(m);
        }
        return new Change(table, Op.values()[opIndex], keys, before, after, stamp, cells);
    }

    private static void writeImage(SpoolOutput out, Map<String, Object> image, Map<String, Object> namesFrom) {
        if (image == null) {
            out.writeByte(0);
        } else if (namesFrom != null && sameColumns(image, namesFrom)) {
            out.writeByte(2);
            for (Object v : image.values()) {
                ValueCodec.write(out, v);
            }
        } else {
            out.writeByte(1);
            out.writeVarLong(image.size());
            for (Map.Entry<String, Object> e : image.entrySet()) {
                out.writeString(e.getKey());
                ValueCodec.write(out, e.getValue());
            }
        }
    }

    private static Map<String, Object> readImage(SpoolInput in, Map<String, Object> namesFrom) {
        int kind = in.readByte();
        if (kind == 0) {
            return null;
        }
        Map<String, Object> image = new LinkedHashMap<>();
        if (kind == 2 && namesFrom != null) {
            for (String name : namesFrom.keySet()) {
                image.put(name, ValueCodec.read(in));
            }
        } else if (kind == 1) {
            int n = in.readLength();
            for (int i = 0; i < n; i++) {
                image.put(in.readString(), ValueCodec.read(in));
            }
        } else {
            throw new IllegalStateException("unknown row image kind " + kind);
        }
        return image;
    }

    private static boolean sameColumns(Map<String, Object> a, Map<String, Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<String> ia = a.keySet().iterator();
        for (String name : b.keySet()) {
            if (!name.equals(ia.next())) {
                return false;
            }
        }
        return true;
    }
}
