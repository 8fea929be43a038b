package io.concordbridge.ops;

import io.concordbridge.connectors.local.LocalMariaDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad config or leaders not set up: the bridge refuses to start, says what to fix, writes nothing. */
class BadInputIT {

    @RegisterExtension
    static final ClusterFixture fx = new ClusterFixture(2);

    @BeforeAll
    static void startLeaders() {
        fx.executeEverywhere("CREATE DATABASE bad", "CREATE TABLE bad.good (id INT PRIMARY KEY)");
    }


    @Test
    void unknownTableIsNamedWithItsLeader() throws Exception {
        Path config = fx.writeConfig("unknown", List.of("bad.good", "bad.missing"), null);
        Result r = run("unknown", config);
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("bad.missing").contains("dc1").contains("dc2");
        assertNothingWritten("unknown");
    }

    @Test
    void statementBinlogFormatIsNamedWithTheFix() throws Exception {
        fx.execute("dc2", "SET GLOBAL binlog_format = 'STATEMENT'");
        try {
            Path config = fx.writeConfig("stmt", List.of("bad.good"), null);
            Result r = run("stmt", config);
            assertThat(r.exit).isNotZero();
            assertThat(r.output).contains("dc2").contains("binlog_format").contains("ROW");
            assertNothingWritten("stmt");
        } finally {
            fx.execute("dc2", "SET GLOBAL binlog_format = 'ROW'");
        }
    }

    @Test
    void unreachableLeaderIsNamed() throws Exception {
        int closedPort = LocalMariaDb.freePort();
        Path config = fx.dir().resolve("unreachable.yaml");
        Files.writeString(config, "cluster: x\nleaders:\n"
                + "  dc1: { host: 127.0.0.1, port: " + fx.leader("dc1").port() + ", user: root, password: \"\" }\n"
                + "  far: { host: 127.0.0.1, port: " + closedPort + ", user: root, password: \"\" }\n"
                + "tables: [ bad.good ]\nstate-dir: " + fx.dir().resolve("state-unreachable") + "\nmeta-schema: concord_unreachable\n");
        Result r = run("unreachable", config);
        assertThat(r.exit).isNotZero();
        assertThat(r.output).contains("far").contains("127.0.0.1:" + closedPort);
        assertThat(fx.queryLong("dc1", "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'concord_unreachable'"))
                .isZero();
    }

    @Test
    void malformedConfigNamesEveryBadKey() throws Exception {
        Path config = fx.dir().resolve("malformed.yaml");
        Files.writeString(config, "cluster: x\nleaders:\n  dc1: { host: 127.0.0.1, port: 0, user: root }\n"
                + "  dc2: { host: \"\", port: 3306, user: root }\ntables: [ nodot ]\nstate-dirr: ./s\n");
        Result r = run("malformed", config);
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.output).contains("leaders.dc1.port").contains("leaders.dc2.host").contains("nodot")
                .contains("state-dirr");

        Path broken = fx.dir().resolve("broken.yaml");
        Files.writeString(broken, "cluster: x\nleaders: [ unclosed\n");
        Result r2 = run("broken", broken);
        assertThat(r2.exit).isEqualTo(2);
        assertThat(r2.output).contains("line");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String name, Path config) throws Exception {
        Path log = fx.dir().resolve(name + ".log");
        try (BridgeProcess p = BridgeProcess.start(log, "run", "--config", config.toString())) {
            int exit = p.waitFor(Duration.ofSeconds(120));
            return new Result(exit, p.output());
        }
    }

    private static void assertNothingWritten(String name) {
        for (String leader : List.of("dc1", "dc2")) {
            assertThat(fx.queryLong(leader, "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = 'concord_"
                    + name + "'")).as("meta schema on %s", leader).isZero();
        }
    }
}
