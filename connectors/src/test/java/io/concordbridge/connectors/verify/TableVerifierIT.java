package io.concordbridge.connectors.verify;

import io.concordbridge.connectors.apply.mariadb.AllTypes;
import io.concordbridge.connectors.apply.mariadb.MariaDbApplier;
import io.concordbridge.connectors.local.LocalMariaDb;
import io.concordbridge.core.config.ApplyConfig;
import io.concordbridge.core.config.LeaderConfig;
import io.concordbridge.core.config.Secret;
import io.concordbridge.core.model.Change;
import io.concordbridge.core.model.TableId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.concordbridge.connectors.apply.mariadb.Changes.insert;
import static io.concordbridge.connectors.apply.mariadb.Changes.tx;
import static org.assertj.core.api.Assertions.assertThat;

/** The verifier on three real leaders, each test in its own databases. */
class TableVerifierIT {

    @TempDir
    static Path tmp;
    static final List<LocalMariaDb> DBS = new ArrayList<>();

    @BeforeAll
    static void start() {
        for (int i = 1; i <= 3; i++) {
            DBS.add(LocalMariaDb.start(tmp, "dc" + i, i));
        }
    }

    @AfterAll
    static void stop() {
        DBS.forEach(LocalMariaDb::close);
    }

    @Test
    void identicalTablesOfEveryTypeAreIdenticalInBothFetchModes() throws Exception {
        everywhere("CREATE DATABASE v_same");
        everywhere("CREATE TABLE v_same.items (id INT PRIMARY KEY, name VARCHAR(40), price DECIMAL(10,2))");
        // a different physical insert order on each leader
        exec(0, "INSERT INTO v_same.items SELECT seq, CONCAT('item ', seq), seq / 7 FROM mysql.seq_1_to_1200");
        exec(1, "INSERT INTO v_same.items SELECT seq, CONCAT('item ', seq), seq / 7 FROM mysql.seq_1_to_1200 ORDER BY seq DESC");
        exec(2, "INSERT INTO v_same.items SELECT seq, CONCAT('item ', seq), seq / 7 FROM mysql.seq_1_to_1200 ORDER BY RAND()");
        TableId types = new TableId("v_same", "all_types");
        everywhere(AllTypes.ddl(types));
        List<Change> rows = AllTypes.rows().stream().map(r -> insert(types, AllTypes.KEY, r)).toList();
        for (LocalMariaDb db : DBS) {
            try (MariaDbApplier applier = new MariaDbApplier(leader(db), "v_meta", ApplyConfig.defaults())) {
                applier.open();
                applier.captureProgress(binlogEnd(db)); // no capture runs here: every local write counts as recorded
                applier.apply(List.of(tx("dc0", 1, rows)));
            }
        }
        List<TableId> tables = List.of(new TableId("v_same", "items"), types);
        for (VerifyOptions options : List.of(VerifyOptions.defaults(), VerifyOptions.defaults().withFetchSize(2))) {
            VerifyReport report = verifier(options).verify(tables);
            assertThat(report.identical()).as(report.describe()).isTrue();
            assertThat(report.describe()).startsWith("v_same.items: identical on dc1, dc2, dc3 (1200 rows)\n"
                    + "v_same.all_types: identical on dc1, dc2, dc3 (4 rows)\n");
        }
    }

    @Test
    void reportsMissingExtraAndDifferingRowsWithTheirKeysAndLeaders() throws Exception {
        everywhere("CREATE DATABASE v_diff");
        everywhere("CREATE TABLE v_diff.orders (id INT PRIMARY KEY, qty INT, data BLOB)");
        everywhere("INSERT INTO v_diff.orders SELECT seq, seq % 10, UNHEX(SHA2(seq, 256)) FROM mysql.seq_1_to_100");
        exec(1, "DELETE FROM v_diff.orders WHERE id = 7");
        exec(0, "INSERT INTO v_diff.orders VALUES (500, 1, NULL)");
        exec(2, "UPDATE v_diff.orders SET qty = qty + 1 WHERE id = 9");
        exec(1, "UPDATE v_diff.orders SET data = CONCAT(LEFT(data, 10), CHAR(ASCII(SUBSTR(data, 11, 1)) ^ 1), "
                + "SUBSTR(data, 12)) WHERE id = 20");
        TableResult result = verifier(VerifyOptions.defaults()).verify(List.of(new TableId("v_diff", "orders")))
                .tables().get(0);
        assertThat(result.identical()).isFalse();
        assertThat(result.differingKeys()).isEqualTo(4);
        assertThat(result.rows()).containsExactlyEntriesOf(Map.of("dc1", 101L, "dc2", 99L, "dc3", 100L).entrySet()
                .stream().sorted(Map.Entry.comparingByKey())
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
        assertThat(result.firstDifferences()).extracting(KeyDifference::describe).containsExactly(
                "id=7 (dc2 missing)",
                "id=9 (dc1=dc2 ≠ dc3 in qty)",
                "id=20 (dc1=dc3 ≠ dc2 in data)",
                "id=500 (dc2, dc3 missing)");
        assertThat(result.describe()).isEqualTo("v_diff.orders: 4 keys differ — id=7 (dc2 missing), "
                + "id=9 (dc1=dc2 ≠ dc3 in qty), id=20 (dc1=dc3 ≠ dc2 in data), id=500 (dc2, dc3 missing) "
                + "[rows: dc1 101, dc2 99, dc3 100]");

        VerifyReport firstTwo = verifier(new VerifyOptions(Integer.MIN_VALUE, 2, Duration.ofSeconds(2)))
                .verify(List.of(new TableId("v_diff", "orders")));
        assertThat(firstTwo.describe()).contains("id=9 (dc1=dc2 ≠ dc3 in qty) and 2 more")
                .endsWith("1 of 1 tables not identical.");
    }

    @Test
    void stringKeysWalkInBinaryOrderWhateverTheCollation() throws Exception {
        everywhere("CREATE DATABASE v_str");
        everywhere("CREATE TABLE v_str.words (w VARCHAR(50) COLLATE utf8mb4_general_ci PRIMARY KEY, n INT)");
        List<String> words = List.of("apple", "Banana", "cherry", "Émile", "emu", "Zebra", "ärger", "öl", "a b",
                "a", "ab", "\uFFDC half", "😀 smile", "Ωmega", "zz");
        for (int i = 0; i < DBS.size(); i++) {
            List<String> order = new ArrayList<>(words);
            java.util.Collections.rotate(order, i * 5);
            for (String w : order) {
                exec(i, "INSERT INTO v_str.words VALUES ('" + w + "', " + w.length() + ")");
            }
        }
        TableId table = new TableId("v_str", "words");
        assertThat(verifier(VerifyOptions.defaults()).verify(List.of(table)).describe())
                .startsWith("v_str.words: identical on dc1, dc2, dc3 (15 rows)");

        exec(1, "UPDATE v_str.words SET w = 'Apple' WHERE w = 'apple'");
        exec(2, "UPDATE v_str.words SET w = 'emile' WHERE w = 'Émile'");
        for (VerifyOptions options : List.of(VerifyOptions.defaults(), VerifyOptions.defaults().withFetchSize(3))) {
            TableResult result = verifier(options).verify(List.of(table)).tables().get(0);
            assertThat(result.firstDifferences()).extracting(KeyDifference::describe).containsExactly(
                    "w=Apple (dc1, dc3 missing)", "w=apple (dc2 missing)", "w=emile (dc1, dc2 missing)",
                    "w=Émile (dc3 missing)");
            assertThat(result.errors()).isEmpty();
        }
    }

    @Test
    void aLargeTableStreamsWithoutBeingLoadedWhole() throws Exception {
        everywhere("CREATE DATABASE v_big");
        everywhere("CREATE TABLE v_big.events (id BIGINT PRIMARY KEY, kind VARCHAR(20), payload VARBINARY(64), "
                + "at DATETIME(6))");
        everywhere("INSERT INTO v_big.events SELECT seq, CONCAT('kind', seq % 13), UNHEX(SHA2(seq, 256)), "
                + "'2024-01-01 00:00:00' + INTERVAL seq SECOND FROM mysql.seq_1_to_50000");
        TableId table = new TableId("v_big", "events");
        verifier(VerifyOptions.defaults()).verify(List.of(table)); // warm-up, so the rates printed compare
        for (VerifyOptions options : List.of(VerifyOptions.defaults(), VerifyOptions.defaults().withFetchSize(100))) {
            long fetchesBefore = globalStatus(0, "Com_stmt_fetch");
            List<String> progress = new ArrayList<>();
            AtomicLong fakeNanos = new AtomicLong();
            TableVerifier verifier = new TableVerifier(leaders(), options, progress::add,
                    () -> fakeNanos.addAndGet(500_000_000L));
            long start = System.nanoTime();
            VerifyReport report = verifier.verify(List.of(table));
            long ms = Math.max(1, (System.nanoTime() - start) / 1_000_000);
            String mode = options.cursor() ? "cursor fetch of " + options.fetchSize() : "row streaming";
            System.out.printf("verify, %s: 50,000 rows x 3 leaders in %d ms = %,.0f keys/s%n", mode, ms, 50_000 * 1000.0 / ms);
            assertThat(report.describe()).startsWith("v_big.events: identical on dc1, dc2, dc3 (50000 rows)");
            assertThat(progress).isNotEmpty().allMatch(l -> l.startsWith("v_big.events: ") && l.contains("keys compared"));
            assertThat(progress.size()).as("at most one line per 2 s of the (fake) clock").isLessThan(50_000 / 1024);
            long fetches = globalStatus(0, "Com_stmt_fetch") - fetchesBefore;
            if (options.cursor()) {
                assertThat(fetches).as("the rows came in fetches of 100").isGreaterThanOrEqualTo(500);
            } else {
                assertThat(fetches).isZero();
            }
        }
    }

    @Test
    void anUnreachableOrIncompleteLeaderIsReportedWithoutHidingTheOthers() throws Exception {
        everywhere("CREATE DATABASE v_down");
        everywhere("CREATE TABLE v_down.a (id INT PRIMARY KEY)");
        everywhere("INSERT INTO v_down.a VALUES (1), (2)");
        exec(0, "CREATE TABLE v_down.b (id INT PRIMARY KEY, x INT)");
        exec(1, "CREATE TABLE v_down.b (id INT PRIMARY KEY, x VARCHAR(3))");
        exec(2, "CREATE TABLE v_down.c (id INT PRIMARY KEY)");
        Map<String, LeaderConfig> leaders = leaders();
        leaders.put("dc9", new LeaderConfig("dc9", "127.0.0.1", closedPort(), "root", new Secret("")));
        VerifyReport report = new TableVerifier(leaders).verify(List.of(new TableId("v_down", "a"),
                new TableId("v_down", "b"), new TableId("v_down", "c")));
        assertThat(report.identical()).isFalse();
        List<String> lines = report.describe().lines().toList();
        assertThat(lines.get(0)).startsWith("v_down.a: identical on dc1, dc2, dc3 (2 rows); dc9: cannot connect to dc9");
        assertThat(lines.get(1)).startsWith("v_down.b: not compared — the definitions differ: dc1 has (id INTEGER, x INTEGER), "
                + "dc2 has (id INTEGER, x TEXT); dc3: table v_down.b does not exist").contains("dc9: not compared: cannot connect");
        assertThat(lines.get(2)).startsWith("v_down.c: not compared — fewer than two leaders could be read; "
                + "dc1: table v_down.c does not exist");
        assertThat(lines.get(3)).isEqualTo("3 of 3 tables not identical.");
    }

    private static TableVerifier verifier(VerifyOptions options) {
        return new TableVerifier(leaders(), options, line -> { });
    }

    private static Map<String, LeaderConfig> leaders() {
        Map<String, LeaderConfig> leaders = new LinkedHashMap<>();
        DBS.forEach(db -> leaders.put(db.name(), leader(db)));
        return leaders;
    }

    private static LeaderConfig leader(LocalMariaDb db) {
        return new LeaderConfig(db.name(), "127.0.0.1", db.port(), "root", new Secret(""));
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void everywhere(String sql) throws SQLException {
        for (int i = 0; i < DBS.size(); i++) {
            exec(i, sql);
        }
    }

    private static void exec(int db, String sql) throws SQLException {
        try (Connection c = DBS.get(db).connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long globalStatus(int db, String name) throws SQLException {
        try (Connection c = DBS.get(db).connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    private static String binlogEnd(LocalMariaDb db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW MASTER STATUS")) {
            rs.next();
            return rs.getString(1) + ":" + rs.getLong(2);
        }
    }
}
