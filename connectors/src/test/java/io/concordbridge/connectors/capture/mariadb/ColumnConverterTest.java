package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.model.TableId;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnConverterTest {

    private static final TableId TABLE = new TableId("app", "t");

    @Test
    void temporalValuesBecomeJavaTime() {
        assertThat(convert(logical("io.debezium.time.Date", Schema.Type.INT32), -1)).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(convert(logical("io.debezium.time.MicroTimestamp", Schema.Type.INT64), -1L))
                .isEqualTo(LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
        assertThat(convert(logical("io.debezium.time.Timestamp", Schema.Type.INT64), 1_500L))
                .isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 1, 500_000_000));
        assertThat(convert(logical("io.debezium.time.NanoTimestamp", Schema.Type.INT64), 7L))
                .isEqualTo(LocalDateTime.of(1970, 1, 1, 0, 0, 0, 7));
        assertThat(convert(logical("io.debezium.time.ZonedTimestamp", Schema.Type.STRING), "2024-02-03T04:05:06.5+02:00"))
                .isEqualTo(LocalDateTime.of(2024, 2, 3, 2, 5, 6, 500_000_000));
        assertThat(convert(logical("io.debezium.time.MicroTime", Schema.Type.INT64), -3_020_399_000_000L))
                .isEqualTo(Duration.ofHours(-838).minusMinutes(59).minusSeconds(59));
    }

    @Test
    void bitsTurnBigEndianAndBitOneIsABoolean() {
        Schema bits12 = SchemaBuilder.bytes().name("io.debezium.data.Bits").parameter("length", "12").build();
        assertThat((byte[]) convert(bits12, ByteBuffer.wrap(new byte[] {0x03, 0x0a}))).containsExactly(0x0a, 0x03);
        Schema bits1 = SchemaBuilder.bytes().name("io.debezium.data.Bits").parameter("length", "1").build();
        assertThat(convert(bits1, new byte[] {1})).isEqualTo(true);
    }

    @Test
    void bigintUnsignedIsABigIntegerAndDecimalKeepsItsScale() {
        Schema unsigned = Decimal.builder(0).parameter(ColumnConverter.SOURCE_TYPE, "BIGINT UNSIGNED").build();
        assertThat(convert(unsigned, new BigDecimal("18446744073709551615"))).isEqualTo(new BigInteger("18446744073709551615"));
        Schema decimal = Decimal.builder(0).parameter(ColumnConverter.SOURCE_TYPE, "DECIMAL").build();
        assertThat(convert(decimal, new BigDecimal("12"))).isEqualTo(new BigDecimal("12"));
        assertThat(convert(Schema.INT16_SCHEMA, (short) -5)).isEqualTo(-5L);
        assertThat(convert(Schema.FLOAT32_SCHEMA, 1.5f)).isEqualTo(1.5f);
    }

    @Test
    void unknownTypesAreRefusedNamingTableColumnAndSchema() {
        Schema geometry = SchemaBuilder.struct().name("io.debezium.data.geometry.Geometry")
                .parameter(ColumnConverter.SOURCE_TYPE, "GEOMETRY").build();
        assertThatThrownBy(() -> ColumnConverter.forField("dc1", TABLE, new Field("shape", 3, geometry)))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("dc1").hasMessageContaining("app.t.shape").hasMessageContaining("GEOMETRY")
                .hasMessageContaining("STRUCT").hasMessageContaining("io.debezium.data.geometry.Geometry");
    }

    private static Schema logical(String name, Schema.Type type) {
        return new SchemaBuilder(type).name(name).build();
    }

    private static Object convert(Schema schema, Object value) {
        return ColumnConverter.forField("dc1", TABLE, new Field("c", 0, schema)).convert(value);
    }
}
