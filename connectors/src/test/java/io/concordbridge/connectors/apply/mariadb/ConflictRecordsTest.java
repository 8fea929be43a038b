package io.concordbridge.connectors.apply.mariadb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.concordbridge.core.conflict.Conflict;
import io.concordbridge.core.conflict.ConflictType;
import io.concordbridge.core.conflict.Decision;
import io.concordbridge.core.conflict.Version;
import io.concordbridge.core.model.RowJson;
import io.concordbridge.core.model.RowKey;
import io.concordbridge.core.model.Stamp;
import io.concordbridge.core.model.TableId;
import io.concordbridge.core.model.RowKeyText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.concordbridge.connectors.apply.mariadb.Changes.row;
import static org.assertj.core.api.Assertions.assertThat;

class ConflictRecordsTest {

    private static final TableId T = new TableId("shop", "items");
    private static final Version DC1 = new Version("dc1", new Stamp(200, "dc1"), row("id", 7L, "name", "a"));
    private static final Version DC2 = new Version("dc2", new Stamp(100, "dc2"), row("id", 7L, "name", "b"));

    @Test
    void theVersionsOfAConflictAreTheSameTextOnEveryLeader() throws Exception {
        Conflict atDc2 = new Conflict(ConflictType.UPDATE_DIFFERING, T, new RowKey(T, List.of(7L)), null, DC2, DC1);
        Conflict atDc1 = new Conflict(ConflictType.UPDATE_DIFFERING, T, new RowKey(T, List.of(7L)), null, DC1, DC2);
        assertThat(ConflictRecords.versions(atDc2)).isEqualTo(ConflictRecords.versions(atDc1));
        JsonNode versions = new ObjectMapper().readTree(ConflictRecords.versions(atDc2));
        assertThat(versions.get(0).get("leader").asText()).as("in stamp order").isEqualTo("dc2");
        assertThat(versions.get(0).get("stamp").get("micros").asLong()).isEqualTo(100);
        assertThat(RowJson.readRow(versions.get(1).get("row"))).isEqualTo(DC1.row());
    }

    @Test
    void aDeleteIsANullRowAndAnUnknownStampComesFirst() throws Exception {
        Version deleted = new Version("dc3", new Stamp(50, "dc3"), null);
        Version unknown = new Version(null, null, row("id", 7L, "name", "old"));
        Conflict c = new Conflict(ConflictType.DELETE_DIFFERING, T, new RowKey(T, List.of(7L)), null, unknown, deleted);
        JsonNode versions = new ObjectMapper().readTree(ConflictRecords.versions(c));
        assertThat(versions.get(0).get("stamp").isNull()).isTrue();
        assertThat(versions.get(0).get("leader").isNull()).isTrue();
        assertThat(versions.get(1).get("row").isNull()).isTrue();
    }

    @Test
    void theWinnerIsTheLeaderWhoseStampTheResultCarries() {
        Conflict c = new Conflict(ConflictType.INSERT_EXISTS, T, new RowKey(T, List.of(7L)), null, DC2, DC1);
        assertThat(ConflictRecords.winner(c, decision(Decision.Outcome.TAKE_REMOTE, DC1))).isEqualTo("dc1");
        assertThat(ConflictRecords.winner(c, decision(Decision.Outcome.KEEP_LOCAL, DC2))).isEqualTo("dc2");
        assertThat(ConflictRecords.winner(c, new Decision(Decision.Outcome.KEEP_LOCAL, null, null, "p", "r", true))).isNull();
    }

    @Test
    void rowKeysAreReadableTextCutToTheColumn() {
        assertThat(RowKeyText.of(List.of("id"), List.of(7L))).isEqualTo("id=7");
        assertThat(RowKeyText.of(List.of("a", "b", "c", "d"),
                Arrays.asList(1L, "x", new byte[] {0, (byte) 0xff}, null))).isEqualTo("a=1,b=x,c=0x00ff,d=null");
        assertThat(RowKeyText.of(List.of("p", "d"), List.of(new BigDecimal("1E+3"), LocalDate.of(2024, 2, 29))))
                .isEqualTo("p=1000,d=2024-02-29");
        String longKey = RowKeyText.of(List.of("s"), List.of("x".repeat(1000)));
        assertThat(longKey).hasSize(RowKeyText.MAX_LENGTH).endsWith("...");
    }

    private static Decision decision(Decision.Outcome outcome, Version winner) {
        Map<String, Object> row = winner.row();
        return new Decision(outcome, row, winner.stamp(), "last-writer-wins", "later stamp", false);
    }
}
