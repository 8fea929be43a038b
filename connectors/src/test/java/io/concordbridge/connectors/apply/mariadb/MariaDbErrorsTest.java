package io.concordbridge.connectors.apply.mariadb;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbErrorsTest {

    @ParameterizedTest(name = "{0} / {1} -> transient={2}")
    @CsvSource(delimiter = '|', textBlock = """
            08S01 |    0 | true  | connection to the leader lost    | Communications link failure
            08001 |    0 | true  | connection to the leader lost    | Could not create connection
            08004 | 1040 | true  | too many connections             | Too many connections
            40001 | 1213 | true  | deadlock                         | Deadlock found when trying to get lock
            40001 |    0 | true  | serialization failure            | rolled back
            HY000 | 1205 | true  | lock wait timeout                | Lock wait timeout exceeded
            08S01 | 1053 | true  | shutting down                    | Server shutdown in progress
            HY000 | 1077 | true  | shutting down                    | Normal shutdown
            HY000 | 1078 | true  | shutting down                    | Got signal
            HY000 | 1079 | true  | shutting down                    | Shutdown complete
            08S01 | 1080 | true  | shutting down                    | Forcing close of thread
            70100 | 1927 | true  | connection to the leader lost    | Connection was killed
            08S01 | 2013 | true  | connection to the leader lost    | Lost connection to server during query
            HY000 | 2006 | true  | connection to the leader lost    | Server has gone away
            70100 | 1317 | true  | interrupted                      | Query execution was interrupted
            HY000 | 1290 | true  | read-only                        | The MariaDB server is running with the --read-only option
            HY000 | 1836 | true  | read-only                        | Running in read-only mode
            25006 | 1792 | true  | read-only                        | Cannot execute statement in a READ ONLY transaction
            08S01 | 1047 | true  | Galera                           | WSREP has not yet prepared node
            42S02 | 1146 | false | table does not exist             | Table 'shop.items' doesn't exist
            42S22 | 1054 | false | column of the change does not exist | Unknown column 'x' in 'field list'
            42000 | 1049 | false | database does not exist          | Unknown database 'shop'
            22001 | 1406 | false | too long                         | Data too long for column 'name' at row 1
            22003 | 1264 | false | out of range                     | Out of range value for column 'n' at row 1
            22007 | 1366 | false | not valid                        | Incorrect integer value: 'x' for column 'n' at row 1
            22007 | 1292 | false | not valid                        | Incorrect datetime value: 'x' for column 'd' at row 1
            01000 | 1265 | false | truncated                        | Data truncated for column 'e' at row 1
            23000 | 1048 | false | NOT NULL                         | Column 'id' cannot be null
            23000 | 1062 | false | duplicate entry on a unique index | Duplicate entry 'a@b' for key 'email'
            23000 | 1452 | false | parent row does not exist        | Cannot add or update a child row: a foreign key constraint fails
            23000 | 1451 | false | still referenced                 | Cannot delete or update a parent row: a foreign key constraint fails
            23000 | 4025 | false | CHECK constraint                 | CONSTRAINT `c` failed for `shop`.`items`
            42000 | 1142 | false | lacks a privilege                | INSERT command denied to user
            28000 | 1045 | false | credentials                      | Access denied for user 'bridge'
            HY000 | 1290 | false | unclassified                     | The MariaDB server is running with the --skip-grant-tables option
            23000 | 9999 | false | integrity constraint             | some future constraint
            22000 | 9998 | false | does not fit                     | some future data error
            HY000 | 9997 | false | unclassified                     | something else
            """)
    void classifiesBySqlStateAndCode(String state, int code, boolean transientFailure, String what, String message) {
        MariaDbErrors.Classification c = MariaDbErrors.classify(new SQLException(message, state, code));
        assertThat(c.transientFailure()).isEqualTo(transientFailure);
        assertThat(c.what()).containsIgnoringCase(what);
        assertThat(c.todo()).isNotBlank();
    }

    @Test
    void theDriversOwnPacketCheckIsAStatementOverMaxAllowedPacket() {
        MariaDbErrors.Classification c = MariaDbErrors.classify(
                new com.mysql.cj.jdbc.exceptions.PacketTooBigException(4_800_243, 2_097_152));
        assertThat(c.transientFailure()).isFalse();
        assertThat(c.what()).contains("max_allowed_packet");
        assertThat(c.todo()).contains("raise max_allowed_packet");
    }

    @Test
    void batchFailureIsClassifiedByTheStatementFailureItWraps() {
        SQLException statement = new SQLException("Table 'shop.items' doesn't exist", "42S02", 1146);
        BatchUpdateException batch = new BatchUpdateException("batch failed", null, 0, new long[0], statement);
        assertThat(MariaDbErrors.classify(batch).transientFailure()).isFalse();
        assertThat(MariaDbErrors.describe(batch)).contains("1146").contains("shop.items");
    }

    @Test
    void driverExceptionTypesWithoutCodeDecideLast() {
        assertThat(MariaDbErrors.classify(new SQLRecoverableException("link down")).transientFailure()).isTrue();
        assertThat(MariaDbErrors.classify(new SQLTransactionRollbackException("rolled back")).transientFailure()).isTrue();
        assertThat(MariaDbErrors.classify(new SQLNonTransientConnectionException("refused", "08001")).transientFailure())
                .as("a leader that cannot be reached is retried: it may come back").isTrue();
    }

    @Test
    void describeDropsRowValuesButKeepsTheIndexAndColumn() {
        assertThat(MariaDbErrors.describe(new SQLException("Duplicate entry 'alice@example.com' for key 'email'",
                "23000", 1062)))
                .isEqualTo("[SQLState 23000, error 1062] Duplicate entry for key 'email'");
        assertThat(MariaDbErrors.describe(new SQLException(
                "Incorrect integer value: 'secret' for column `shop`.`items`.`n` at row 1", "22007", 1366)))
                .doesNotContain("secret").contains("`n`");
    }
}
