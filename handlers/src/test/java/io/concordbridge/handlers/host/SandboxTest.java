package io.concordbridge.handlers.host;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every way out of the sandbox named in the design is refused when the handler compiles, with a clear message. */
class SandboxTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            System.exit(1)                                    | 1:1 | System.exit(...) is not allowed in a handler: no System access
            keepLocal()\\nnew File('/etc/passwd').text         | 2:1 | new File(...) is not allowed in a handler: no file access
            'ls'.execute()                                    | 1:1 | String.execute(...) is not allowed in a handler: no processes
            def x = 'a'; x.getClass().forName('java.lang.Runtime') | 1:24 | Object.getClass(...) is not allowed in a handler
            Thread.start { keepLocal() }                      | 1:1 | Thread.start(...) is not allowed in a handler: no threads or sleeping
            new Thread({ -> } as Runnable).start()            | 1:1 | new Thread(...) is not allowed in a handler: no threads or sleeping
            Thread.sleep(1000)                                | 1:1 | Thread.sleep(...) is not allowed in a handler: no threads or sleeping
            new URL('http://example.com').text                | 1:1 | new URL(...) is not allowed in a handler: no network access
            'http://example.com'.toURL().text                 | 1:27 | String.toURL(...) is not allowed in a handler
            new Socket('localhost', 80)                       | 1:1 | new Socket(...) is not allowed in a handler: no network access
            @Grab('org.x:y:1') import java.time.LocalDate\\nkeepLocal() | 1:1 | @Grab is not allowed: a handler cannot load libraries
            Eval.me('1')                                      | 1:1 | Eval.me(...) is not allowed in a handler: no evaluating or loading code
            evaluate('1')                                     | 1:1 | Script.evaluate(...) is not allowed in a handler
            this.class                                        | 1:1 | .class is not allowed in a handler: no reflection
            'abc'.metaClass                                   | 1:1 | .metaClass is not allowed in a handler: no reflection
            def o = (Object) 'x'; o['class']                  | 1:23 | indexing Object by name is not allowed in a handler
            def o = (Object) 'x'; [o]['class']                | 1:23 | indexing ArrayList by name is not allowed in a handler
            System.out                                        | 1:1 | reading .out of System is not allowed in a handler: no System access
            'x'.&toString                                     | 1:1 | method pointers (.& and ::) are not allowed in a handler
            println 'hi'                                      | 1:1 | Script.println(...) is not allowed in a handler
            import java.io.File\\nkeepLocal()                  | 1:1 | import java.io.File is not allowed in a handler
            @groovy.transform.CompileDynamic def f() { 'ls'.execute() }\\nkeepLocal() | 1:1 | annotations are not allowed in a handler (@CompileDynamic)
            class Evil {}\\nkeepLocal()                        | 1:1 | a handler declares no classes (Evil)
            try { keepLocal() } catch (Exception e) { keepLocal() } | 1:21 | catch a specific exception (such as NumberFormatException), not Exception: a handler must stay interruptible
            def x = local.get('qty'); x.execute()             | 1:27 | Cannot find matching method java.lang.Object#execute()
            """)
    void escapeIsRefusedAtCompileTime(String source, String place, String message) {
        assertThatThrownBy(() -> Scripts.compile(source.replace("\\n", "\n")))
                .isInstanceOf(CompileError.class)
                .hasMessageStartingWith("test.groovy:" + place + ": ")
                .hasMessageContaining(message);
    }
}
