package io.concordbridge.core.transport.spool;

import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.Op;
import io.concordbridge.core.model.OriginTransaction;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChangeCodecTest {

    private static final TableId T = new TableId("db", "t");

    static Stream<Object> values() {
        byte[] allBytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            allBytes[i] = (byte) i;
        }
        return Stream.of(
                null,
                0L, -1L, 1L, Long.MIN_VALUE, Long.MAX_VALUE, 4_294_967_295L,
                BigInteger.ZERO, new BigInteger("18446744073709551615"), new BigInteger("-170141183460469231731687303715884105728"),
                new BigDecimal("0.00"), new BigDecimal("-123456789012345678901234567890.123456789"),
                new BigDecimal("1E+5"), new BigDecimal("1E-40"), new BigDecimal("10.50"), BigDecimal.ZERO,
                0.0f, -0.0f, Float.NaN, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, 1.5f,
                0.0, -0.0, Double.NaN, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, 0.1,
                Boolean.TRUE, Boolean.FALSE,
                new byte[0], allBytes,
                "", "héllo wörld", "😀👍🏽 emoji and 𝄞 need four UTF-8 bytes", "中文", "nul\u0000inside", "x".repeat(100_000),
                LocalDate.of(1970, 1, 1), LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.MIN, LocalDate.MAX,
                LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_999), LocalDateTime.of(1000, 1, 1, 0, 0),
                LocalDateTime.MIN, LocalDateTime.MAX,
                Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(-1, 500_000_000),
                Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), Duration.ofHours(838).plusMinutes(59).plusSeconds(59),
                Duration.ofDays(40).plusNanos(1), Duration.ofHours(25).plusMillis(123));
    }

    @ParameterizedTest
    @MethodSource("values")
    void everyValueTypeRoundTripsExactly(Object value) {
        Object back = roundTrip(value);
        if (value == null) {
            assertThat(back).isNull();
            return;
        }
        assertThat(back).isExactlyInstanceOf(value.getClass());
        if (value instanceof byte[] bytes) {
            assertThat((byte[]) back).containsExactly(bytes);
        } else {
            assertThat(back).isEqualTo(value);
        }
        if (value instanceof BigDecimal d) {
            assertThat(((BigDecimal) back).scale()).isEqualTo(d.scale());
        }
    }

    @Test
    void nonCanonicalNanBitsSurvive() {
        double nan = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        float fnan = Float.intBitsToFloat(0x7fc0_beef);
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(nan))).isEqualTo(0x7ff8_0000_dead_beefL);
        assertThat(Float.floatToRawIntBits((Float) roundTrip(fnan))).isEqualTo(0x7fc0_beef);
    }

    @Test
    void transactionRoundTripsWithStampsImagesAndNulls() {
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("a", 1L);
        before.put("b", "x");
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("b", "y");
        after.put("a", 1L);
        after.put("c", null);
        List<Change> changes = List.of(
                new Change(T, Op.INSERT, List.of("a"), null, before, null),
                new Change(T, Op.UPDATE, List.of("a", "b"), before, after, new Stamp(42, "dc1")),
                new Change(new TableId("other", "t2"), Op.UPDATE, List.of("a"), before, Map.of("a", 1L, "b", "z"), new Stamp(-7, "dc9")),
                new Change(T, Op.DELETE, List.of("a"), before, null, new Stamp(Long.MAX_VALUE, "dc1")));
        OriginTransaction tx = new OriginTransaction("dc1", 0, "0-1-77", "bin.000003:4711", -5, 1_700_000_000_000L, changes, "{\"pos\":4711}");

        SpoolEntry e = ChangeCodec.decode("dc1", ChangeCodec.encode(9, 123_456, tx));

        assertThat(e.seq()).isEqualTo(9);
        assertThat(e.stampHighWater()).isEqualTo(123_456);
        assertThat(e.tx()).isEqualTo(tx.withSeq(9));
        assertThat(e.tx().changes().get(1).after().keySet()).containsExactly("b", "a", "c");
        assertThat(e.tx().changes().get(2).stamp()).isEqualTo(new Stamp(-7, "dc9"));
    }

    @Test
    void aPrecedenceOtherThanTheMicrosTravelsWithTheStampOfEitherLeader() {
        Change own = TestTransactions.tx("dc1", 5, 1).changes().get(0);
        Stamp lifted = new Stamp(42, "dc1", 42 + 86_400_000_000L);
        Stamp foreign = new Stamp(43, "dc2", 7);
        for (Stamp s : List.of(lifted, foreign)) {
            Change c = own.withStamp(s);
            Stamp back = ChangeCodec.decode("dc1", ChangeCodec.encode(1, 0, txOf(c))).tx().changes().get(0).stamp();
            assertThat(back).isEqualTo(s);
            assertThat(back.precedence()).isEqualTo(s.precedence());
        }
        assertThat(encodedSize(own.withStamp(new Stamp(42, "dc1")))).as("a plain stamp costs no byte more")
                .isLessThan(encodedSize(own.withStamp(lifted)));
    }

    @Test
    void columnStampsTravelWithTheChangeTheirOwnStampTheChangesAndUnknownOnes() {
        Change own = TestTransactions.tx("dc1", 5, 1).changes().get(0);
        Stamp s = new Stamp(42, "dc1");
        Map<String, Stamp> m = new LinkedHashMap<>();
        own.after().keySet().forEach(col -> m.put(col, s));
        m.put("id", null);
        m.put("qty", new Stamp(7, "dc3", 9));
        Change c = own.withStamp(s).withCells(new io.concordbridge.core.model.Cells(m));

        Change back = ChangeCodec.decode("dc1", ChangeCodec.encode(1, 0, txOf(c))).tx().changes().get(0);

        assertThat(back.cells()).isEqualTo(c.cells());
        assertThat(back.cells().of("qty").precedence()).isEqualTo(9);
        assertThat(back).isEqualTo(c);
        assertThat(ChangeCodec.decode("dc1", ChangeCodec.encode(1, 0, txOf(own.withStamp(s)))).tx().changes().get(0)
                .cells()).as("none sent, none read").isNull();
    }

    @Test
    void anchorWithNullsRoundTrips() {
        OriginTransaction anchor = new OriginTransaction("dc2", 0, null, null, 0, 0, List.of(), null);
        assertThat(ChangeCodec.decode("dc2", ChangeCodec.encode(1, 0, anchor)).tx()).isEqualTo(anchor.withSeq(1));
    }

    @Test
    void updateWithUnchangedColumnsDoesNotRepeatTheirNames() {
        Change same = TestTransactions.tx("dc1", 5, 1).changes().get(0);
        Map<String, Object> reordered = new LinkedHashMap<>();
        List.of("status", "id", "qty", "note").forEach(k -> reordered.put(k, same.after().get(k)));
        Change moved = new Change(same.table(), same.op(), same.keyColumns(), same.before(), reordered, same.stamp());
        int sameSize = encodedSize(same);
        int movedSize = encodedSize(moved);
        // the names id, status, qty, note: 15 bytes plus a length byte each and a count byte
        assertThat(movedSize - sameSize).isEqualTo(15 + 4 + 1);
        assertThat(ChangeCodec.decode("dc1", ChangeCodec.encode(1, 0, txOf(moved))).tx().changes().get(0)).isEqualTo(moved);
    }

    @Test
    void unsupportedValueTypeIsRejectedNamingTheClass() {
        assertThatThrownBy(() -> roundTrip(42))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> roundTrip(UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.util.UUID");
    }

    @Test
    void unknownFormatAndTruncatedPayloadAreRejected() {
        byte[] encoded = ChangeCodec.encode(3, 0, TestTransactions.tx("dc1", 3, 2));
        byte[] otherFormat = encoded.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> ChangeCodec.decode("dc1", otherFormat))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 9");
        assertThatThrownBy(() -> ChangeCodec.decode("dc1", Arrays.copyOf(encoded, encoded.length - 3)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(ChangeCodec.seqOf(encoded)).isEqualTo(3);
    }

    private static OriginTransaction txOf(Change c) {
        return new OriginTransaction("dc1", 0, "t", "p", 0, 0, List.of(c), "r");
    }

    private static int encodedSize(Change c) {
        return ChangeCodec.encode(1, 0, txOf(c)).length;
    }

    private static Object roundTrip(Object value) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("v", value);
        Change c = new Change(T, Op.INSERT, List.of("id"), null, row, new Stamp(1, "dc1"));
        return ChangeCodec.decode("dc1", ChangeCodec.encode(1, 1, txOf(c))).tx().changes().get(0).after().get("v");
    }
}
