package io.concordbridge.ops.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BinlogCoordinatesTest {

    @Test
    void fileNumberAndOffsetOfAPosition() {
        assertThat(BinlogCoordinates.parse("mysql-bin.000003:1234")).contains(new BinlogCoordinates(3, 1234));
        assertThat(BinlogCoordinates.parse("/var/lib/my.sql/binlog.000120:4")).contains(new BinlogCoordinates(120, 4));
    }

    @Test
    void textThatIsNotABinlogPositionHasNone() {
        assertThat(BinlogCoordinates.parse(null)).isEmpty();
        assertThat(BinlogCoordinates.parse("0/16B3748")).isEmpty();
        assertThat(BinlogCoordinates.parse("binlog:12")).isEmpty();
        assertThat(BinlogCoordinates.parse("binlog.x:12")).isEmpty();
        assertThat(BinlogCoordinates.parse("binlog.000001:")).isEmpty();
    }
}
