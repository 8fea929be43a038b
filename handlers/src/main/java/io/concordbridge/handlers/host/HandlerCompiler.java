package io.concordbridge.handlers.host;

import groovy.lang.GroovyClassLoader;
import io.concordbridge.handlers.api.HandlerScript;
import io.concordbridge.handlers.sandbox.HandlerClassLoader;
import io.concordbridge.handlers.sandbox.Sandbox;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.ErrorCollector;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.syntax.SyntaxException;
import org.codehaus.groovy.tools.GroovyClass;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * Compiles a handler's text in the sandbox ({@link Sandbox}) into a {@link CompiledHandler} whose
 * classes live in their own {@link HandlerClassLoader}, so an old version can be unloaded once
 * replaced. Stateless and thread-safe.
 */
public final class HandlerCompiler {

    private HandlerCompiler() {
    }

    /** Compiles {@code bytes}, the content of handler file {@code file}; throws {@link CompileError}. */
    public static CompiledHandler compile(String file, byte[] bytes) {
        ClassLoader api = HandlerScript.class.getClassLoader();
        CompilationUnit unit = new CompilationUnit(Sandbox.configuration(), null, new GroovyClassLoader(api));
        unit.addSource(file, new String(bytes, StandardCharsets.UTF_8));
        try {
            unit.compile(Phases.CLASS_GENERATION);
        } catch (MultipleCompilationErrorsException e) {
            throw firstError(file, e.getErrorCollector());
        } catch (CompilationFailedException e) {
            throw new CompileError(file, 0, 0, e.getMessage(), 0);
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (GroovyClass c : unit.getClasses()) {
            classes.put(c.getName(), c.getBytes());
        }
        HandlerClassLoader loader = new HandlerClassLoader(api, classes);
        for (String name : classes.keySet()) {
            try {
                Class<?> c = loader.loadClass(name);
                if (HandlerScript.class.isAssignableFrom(c)) {
                    return new CompiledHandler(file, hash(bytes), c.asSubclass(HandlerScript.class));
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CompileError(file, 0, 0, "compiled, but does not load: " + e.getMessage(), 0);
            }
        }
        throw new CompileError(file, 0, 0, "holds no handler script", 0);
    }

    /** The first 8 hex digits of the SHA-256 of {@code bytes}. */
    public static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static CompileError firstError(String file, ErrorCollector errors) {
        int more = errors.getErrorCount() - 1;
        Message first = errors.getError(0);
        if (first instanceof SyntaxErrorMessage s) {
            SyntaxException e = s.getCause();
            return new CompileError(file, e.getLine(), e.getStartColumn(), clean(e.getOriginalMessage()), more);
        }
        if (first instanceof ExceptionMessage m) {
            return new CompileError(file, 0, 0, m.getCause().getMessage(), more);
        }
        return new CompileError(file, 0, 0, String.valueOf(first), more);
    }

    /** Groovy's type checker prefixes its messages; a handler's author needs only the sentence. */
    private static String clean(String message) {
        String m = message.strip().replaceAll("\\s*\\R\\s*", " ");
        return m.startsWith("[Static type checking] - ") ? m.substring(25) : m;
    }
}
