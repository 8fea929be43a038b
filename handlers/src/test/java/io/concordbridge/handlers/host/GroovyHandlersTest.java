package io.concordbridge.handlers.host;

import io.concordbridge.core.conflict.HandlerVerdict;
import io.concordbridge.core.conflict.HandlerVerdict.Kind;
import io.concordbridge.core.config.HandlersConfig;
import io.concordbridge.handlers.Conflicts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The host: loading, compile errors, the pool, timeouts, failures and reloading, through {@code decide}. */
class GroovyHandlersTest {

    @TempDir
    Path dir;
    private GroovyHandlers handlers;

    private GroovyHandlers start(int timeoutMs, int threads) {
        handlers = new GroovyHandlers(new HandlersConfig(dir, timeoutMs, threads), Duration.ZERO);
        return handlers;
    }

    @AfterEach
    void stop() {
        if (handlers != null) {
            handlers.close();
        }
    }

    private void write(String file, String text) throws Exception {
        Files.writeString(dir.resolve(file), text);
    }

    private HandlerVerdict decide(String file) throws Exception {
        return handlers.decide(file, Conflicts.simple()).get(30, TimeUnit.SECONDS);
    }

    @Test
    void requireNamesFileLineAndColumnOfTheFirstError() throws Exception {
        write("bad.groovy", "keepLocal()\n  def x = = 1\n");
        start(500, 1);
        assertThatThrownBy(() -> handlers.require("bad.groovy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("handler does not compile: bad.groovy:2:");
    }

    @Test
    void requireNamesASandboxRefusal() throws Exception {
        write("exit.groovy", "keepLocal()\n  System.exit(1)\n");
        start(500, 1);
        assertThatThrownBy(() -> handlers.require("exit.groovy"))
                .hasMessage("handler does not compile: exit.groovy:2:3: System.exit(...) is not allowed in a handler: "
                        + "no System access (exit, properties, environment)");
    }

    @Test
    void requireOfAMissingFileNamesTheFolder() {
        start(500, 1);
        assertThatThrownBy(() -> handlers.require("nope.groovy")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no such handler file nope.groovy in " + dir);
        assertThatThrownBy(() -> handlers.require("../etc.groovy")).hasMessageContaining("is not a handler file name");
    }

    @Test
    void decideAnswersWithTheHandlersVersion() throws Exception {
        write("remote.groovy", "takeRemote()");
        start(500, 1);
        HandlerVerdict v = decide("remote.groovy");
        assertThat(v.kind()).isEqualTo(Kind.TAKE_REMOTE);
        assertThat(v.handler()).isEqualTo("remote.groovy@" + HandlerCompiler.hash("takeRemote()".getBytes()));
    }

    @Test
    void aLoopForeverTimesOutAndThePoolThreadIsFreedForTheNextCall() throws Exception {
        write("loop.groovy", "int n = 0\nwhile (true) { n++ }\nkeepLocal()");
        write("ok.groovy", "keepLocal()");
        start(300, 1);
        handlers.require("loop.groovy");
        HandlerVerdict v = decide("loop.groovy");
        assertThat(v.kind()).isEqualTo(Kind.FAILED);
        assertThat(v.reason()).isEqualTo("timed out after 300 ms");
        assertThat(decide("ok.groovy").kind()).isEqualTo(Kind.KEEP_LOCAL); // one thread: the loop was stopped
    }

    @Test
    void aThrowFailsWithTheMessageAndTheHandlersLine() throws Exception {
        write("boom.groovy", "if (local.leader == 'dc1') {\n    throw new IllegalStateException('boom')\n}\nkeepLocal()");
        start(500, 1);
        HandlerVerdict v = decide("boom.groovy");
        assertThat(v.kind()).isEqualTo(Kind.FAILED);
        assertThat(v.reason()).isEqualTo("threw IllegalStateException: boom (at boom.groovy:2)");
    }

    @Test
    void aMissingColumnFailsNamingIt() throws Exception {
        write("typo.groovy", "local.num('qyt') > 1 ? keepLocal() : takeRemote()");
        start(500, 1);
        assertThat(decide("typo.groovy").reason())
                .isEqualTo("threw IllegalArgumentException: the row has no column 'qyt'; it has [id, qty, status, price] (at typo.groovy:1)");
    }

    @Test
    void aFileThatNeverCompiledFailsEachCallWithTheCompileError() throws Exception {
        write("bad.groovy", "new File('x')");
        start(500, 1);
        HandlerVerdict v = decide("bad.groovy");
        assertThat(v.kind()).isEqualTo(Kind.FAILED);
        assertThat(v.reason()).startsWith("bad.groovy:1:1: new File(...) is not allowed");
        assertThat(decide("missing.groovy").reason()).isEqualTo("no such handler file missing.groovy in " + dir);
    }

    @Test
    void aChangedFileIsRecompiledAndABrokenChangeKeepsTheOldVersion() throws Exception {
        write("h.groovy", "keepLocal()");
        start(500, 1);
        assertThat(decide("h.groovy").kind()).isEqualTo(Kind.KEEP_LOCAL);
        write("h.groovy", "takeRemote()");
        await().atMost(Duration.ofSeconds(10)).until(() -> decide("h.groovy").kind() == Kind.TAKE_REMOTE);
        write("h.groovy", "takeRemote(");
        HandlerVerdict v = decide("h.groovy");
        assertThat(v.kind()).isEqualTo(Kind.TAKE_REMOTE);
        assertThat(v.handler()).isEqualTo("h.groovy@" + HandlerCompiler.hash("takeRemote()".getBytes()));
        handlers.require("h.groovy"); // the old version is loaded: start-up would not fail
        write("h.groovy", "delete()");
        assertThat(decide("h.groovy").kind()).isEqualTo(Kind.DELETE);
    }

    @Test
    void aFullPoolAnswersBusyAtOnceInsteadOfBlocking() throws Exception {
        write("loop.groovy", "while (true) { }\nkeepLocal()");
        start(2000, 1);
        handlers.require("loop.groovy");
        List<CompletableFuture<HandlerVerdict>> calls = new ArrayList<>();
        for (int i = 0; i < GroovyHandlers.QUEUE + 2; i++) {
            calls.add(handlers.decide("loop.groovy", Conflicts.simple()));
        }
        HandlerVerdict last = calls.get(calls.size() - 1).getNow(null);
        assertThat(last).isNotNull();
        assertThat(last.kind()).isEqualTo(Kind.FAILED);
        assertThat(last.reason()).isEqualTo("handler pool busy: " + GroovyHandlers.QUEUE + " calls waiting");
        handlers.close();
        assertThat(calls.get(5).get(10, TimeUnit.SECONDS).reason()).isEqualTo("the handler host is closed");
    }
}
