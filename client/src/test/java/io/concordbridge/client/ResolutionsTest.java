package io.concordbridge.client;

import io.concordbridge.core.model.Stamp;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ResolutionsTest {

    private static StoredConflict conflict(String id, Sibling... siblings) {
        return new StoredConflict(id, "shop.orders", "id=1", "update_differing", "manual", "dc2", List.of(siblings),
                Map.of("id", 1L, "qty", 1L), "stored", Instant.EPOCH);
    }

    private static Sibling sibling(String leader, long micros, Long qty) {
        return new Sibling(leader, new Stamp(micros, leader), qty == null ? null : Map.of("id", 1L, "qty", qty));
    }

    @Test
    void takingALeaderTakesItsNewestVersionAcrossTheOpenConflictsOfTheRow() {
        StoredConflict a = conflict("a", sibling("dc1", 10, 2L), sibling("dc2", 20, 3L));
        StoredConflict b = conflict("b", sibling("dc2", 20, 3L), sibling("dc1", 30, 5L));

        assertThat(Resolutions.target(a, List.of(a, b), Choice.take("dc1"))).containsEntry("qty", 5L);
        assertThat(Resolutions.target(a, List.of(a, b), Choice.take("dc2"))).containsEntry("qty", 3L);
    }

    @Test
    void takingALeaderWhoseVersionIsADeleteDeletes() {
        StoredConflict a = conflict("a", sibling("dc1", 10, null), sibling("dc2", 20, 3L));
        assertThat(Resolutions.target(a, List.of(a), Choice.take("dc1"))).isNull();
        assertThat(Resolutions.anyRow(List.of(a), a)).containsEntry("id", 1L);
    }

    @Test
    void takingALeaderWithoutAVersionNamesTheOnesThatHaveOne() {
        StoredConflict a = conflict("a", sibling("dc1", 10, 2L), sibling("dc2", 20, 3L));
        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> Resolutions.target(a, List.of(a), Choice.take("dc9")));
        assertThat(e.reason()).isEqualTo(ConflictException.Reason.INVALID);
        assertThat(e.getMessage()).contains("dc9", "dc1, dc2");
    }

    @Test
    void aGivenRowTakesTheBridgesValueTypesAndRefusesOthers() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7);
        row.put("price", new BigDecimal("9.99"));
        row.put("day", java.sql.Date.valueOf("2024-02-29"));
        Choice.Row r = (Choice.Row) Choice.row(row);
        assertThat(r.row()).containsEntry("id", 7L).containsEntry("day", java.time.LocalDate.of(2024, 2, 29));
        ConflictException e = catchThrowableOfType(ConflictException.class,
                () -> Choice.row(Map.of("when", Instant.EPOCH)));
        assertThat(e.getMessage()).contains("column when", "java.time.Instant");
    }

    @Test
    void siblingsAreReadFromTheVersionsJsonTheBridgeWrites() {
        List<Sibling> s = ConflictTables.siblings("[{\"leader\":\"dc1\",\"stamp\":{\"micros\":5,\"leader\":\"dc1\"},"
                + "\"row\":{\"id\":1,\"p\":{\"$decimal\":\"1.50\"}}},{\"leader\":null,\"stamp\":null,\"row\":null}]");
        assertThat(s).hasSize(2);
        assertThat(s.get(0).stamp()).isEqualTo(new Stamp(5, "dc1"));
        assertThat(s.get(0).row()).containsEntry("p", new BigDecimal("1.50"));
        assertThat(s.get(1).deleted()).isTrue();
        assertThat(s.get(1).leader()).isNull();
    }

    @Test
    void queriesCheckTheirLimitAndPageOnTheLastId() {
        ConflictQuery q = ConflictQuery.all().withTable("shop.orders").withLimit(2);
        StoredConflict last = conflict("ff", sibling("dc1", 1, 1L));
        assertThat(q.next(List.of(conflict("aa"), last)).after()).isEqualTo("ff");
        assertThat(q.next(List.of()).after()).isNull();
        assertThat(catchThrowableOfType(ConflictException.class, () -> q.withLimit(0)).getMessage())
                .contains("limit=0");
        assertThat(catchThrowableOfType(ConflictException.class,
                () -> q.withMinAge(Duration.ofSeconds(-1))).getMessage()).contains("negative");
    }

    @Test
    void theHighestStampOfAConflictIsWhatAResolutionMustBeAbove() {
        assertThat(conflict("a", sibling("dc1", 10, 2L), sibling("dc2", 20, 3L)).maxStampMicros()).isEqualTo(20);
        assertThat(new RowWithSiblings("shop.orders", "id=1", null, List.of(
                conflict("a", sibling("dc1", 10, 2L), sibling("dc2", 20, 3L)),
                conflict("b", sibling("dc2", 20, 3L), sibling("dc3", 15, 4L)))).siblings())
                .extracting(Sibling::leader).containsExactly("dc1", "dc3", "dc2");
    }
}
