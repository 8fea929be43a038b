package io.concordbridge.handlers.sandbox;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The run-time line: classes a handler's bytecode may not link, whatever the compile-time checks missed. */
class HandlerClassLoaderTest {

    private final HandlerClassLoader loader = new HandlerClassLoader(getClass().getClassLoader(), Map.of());

    @Test
    void refusesFilesProcessesNetworkReflectionAndEvaluation() {
        for (String name : new String[] {"java.io.File", "java.io.FileInputStream", "java.nio.file.Files",
                "java.lang.ProcessBuilder", "java.lang.Runtime", "java.net.URL", "java.net.Socket", "java.lang.System",
                "java.lang.reflect.Method", "java.util.concurrent.Executors", "groovy.lang.GroovyShell", "groovy.util.Eval",
                "org.codehaus.groovy.runtime.ProcessGroovyMethods", "org.codehaus.groovy.runtime.ResourceGroovyMethods"}) {
            assertThatThrownBy(() -> loader.loadClass(name)).as(name).isInstanceOf(ClassNotFoundException.class)
                    .hasMessageStartingWith(name + " is not available to handlers: ");
        }
    }

    @Test
    void linksWhatCompiledHandlersNeed() throws Exception {
        for (String name : new String[] {"java.lang.String", "java.math.BigDecimal", "java.lang.Thread",
                "java.util.LinkedHashMap", "groovy.lang.Closure", "org.codehaus.groovy.runtime.DefaultGroovyMethods",
                "io.concordbridge.handlers.api.HandlerScript", "java.lang.ClassCastException"}) {
            assertThat(loader.loadClass(name).getName()).isEqualTo(name);
        }
    }

    @Test
    void refusalsSayWhy() {
        assertThat(Refusals.why("java.io.FileWriter")).isEqualTo("no file access");
        assertThat(Refusals.why("java.lang.ClassCastException")).isNull();
        assertThat(Refusals.why("java.lang.Thread")).isEqualTo("no threads or sleeping");
        assertThat(Refusals.deniedAtRunTime("java.lang.Thread")).isFalse();
    }
}
