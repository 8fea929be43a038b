package io.concordbridge.connectors.capture.mariadb;

import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class CaptureFailuresTest {

    private static final LeaderConfig LEADER = new LeaderConfig("dc2", "db2", 3306, "bridge", new Secret("s"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "The database server is not configured to use a ROW binlog_format, which is required | binlog_format=ROW",
        "The database server is not configured to use a FULL binlog_row_image, which is required | binlog_row_image=FULL",
        "Unable to connect: (conn=8) Access denied for user 'bridge'@'10.0.0.2' (using password: YES) | leaders.dc2.user",
        "Communications link failure | leaders.dc2.host",
        "Socket fail to connect to host:db2, port:3306. Connection refused | leaders.dc2.host",
        "A slave with the same server_uuid/server_id as this slave has connected to the master | server id",
        "The connector is trying to read change stream starting at x, but this is no longer available on the server | purged",
        "Could not find first log file name in binary log index file | purged",
        "something nobody foresaw | something nobody foresaw",
    })
    void namesTheLeaderAndWhatToFix(String cause, String fix) {
        CaptureException e = CaptureFailures.describe(LEADER, "Engine failed", new RuntimeException("wrapper", new SQLException(cause)));
        assertThat(e.getMessage()).startsWith("capture of leader dc2 (db2:3306) stopped: ").contains(fix);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"column t.x has a type the bridge cannot replicate"})
    void keepsMessagesThatAlreadySayWhatToFix(String message) {
        CaptureException own = new CaptureException(message);
        assertThat(CaptureFailures.describe(LEADER, "Engine failed", new RuntimeException(own))).isSameAs(own);
    }

    @org.junit.jupiter.api.Test
    void aTransportThatIsDownIsNotMistakenForTheLeader() {
        Exception kafka = new RuntimeException("Connection refused: 127.0.0.1:9092");
        var down = new io.concordbridge.core.transport.TransportUnavailableException(
                "publishing 3 transaction(s) of dc2 to Kafka topic concord.shop.dc2 at 127.0.0.1:9092 failed", kafka);
        CaptureException e = CaptureFailures.describe(LEADER, "Engine failed", new RuntimeException("handler", down));
        assertThat(e.getMessage()).isEqualTo("capture of leader dc2 (db2:3306) stopped: " + down.getMessage());
    }
}
