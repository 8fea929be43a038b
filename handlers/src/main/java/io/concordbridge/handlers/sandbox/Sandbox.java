package io.concordbridge.handlers.sandbox;

import groovy.transform.CompileStatic;
import groovy.transform.ThreadInterrupt;
import io.concordbridge.handlers.api.HandlerScript;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.customizers.ASTTransformationCustomizer;
import org.codehaus.groovy.control.customizers.SecureASTCustomizer;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How handler scripts are compiled, in layers:
 * <ol>
 *   <li>{@link SourceRules}, right after parsing: no annotations ({@code @Grab}, {@code @CompileDynamic}, ...),
 *       no classes, imports of java.time only, no {@code .class}/{@code .metaClass}, method pointers or
 *       catch-alls;</li>
 *   <li>{@code @CompileStatic} on every script with {@link SandboxExtension}: each call is resolved at compile
 *       time and must be on {@link AllowList}; a call that cannot be resolved statically does not compile;</li>
 *   <li>{@link SecureASTCustomizer}: no package, imports as above (a second opinion on the first layer);</li>
 *   <li>{@code @ThreadInterrupt}: every loop, closure and method checks the thread's interrupt flag, so a
 *       timed-out call stops;</li>
 *   <li>at run time, {@link HandlerClassLoader} refuses to link the classes {@link Refusals} names.</li>
 * </ol>
 * {@code @Grab}'s global transform is disabled outright. Thread-safe: each call returns a new configuration.
 */
public final class Sandbox {

    private Sandbox() {
    }

    /** A fresh compiler configuration for handler scripts. */
    public static CompilerConfiguration configuration() {
        CompilerConfiguration config = new CompilerConfiguration();
        config.setScriptBaseClass(HandlerScript.class.getName());
        config.setDisabledGlobalASTTransformations(Set.of("groovy.grape.GrabAnnotationTransformation"));
        SecureASTCustomizer secure = new SecureASTCustomizer();
        secure.setPackageAllowed(false);
        secure.setAllowedImports(List.of());
        secure.setAllowedStarImports(List.of("java.time.*", "java.time.format.*", "java.time.temporal.*"));
        secure.setAllowedStaticImports(List.of());
        secure.setAllowedStaticStarImports(List.of());
        config.addCompilationCustomizers(new SourceRules(), secure,
                new ASTTransformationCustomizer(ThreadInterrupt.class),
                new ASTTransformationCustomizer(Map.of("extensions", List.of(SandboxExtension.class.getName())),
                        CompileStatic.class));
        return config;
    }
}
