package io.concordbridge.handlers.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * The classes out of a handler's reach, by class-name prefix, and why ({@code no file access}): the
 * words of a compile-time refusal, and the list the run-time class filter ({@link HandlerClassLoader})
 * denies. A few refused classes stay loadable at run time because compiled scripts themselves refer to
 * them (Thread for the interrupt checks, Class and the meta-class machinery for Groovy's own use): the
 * compile-time allow-list keeps a handler's code from calling them. Stateless.
 */
final class Refusals {

    private record Rule(String prefix, String why, boolean atRunTime) {
    }

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        deny("no file access", true, "java.io.File*", "java.io.RandomAccessFile", "java.io.PrintStream", "java.io.PrintWriter", "java.nio.file.", "java.nio.channels.",
                "org.codehaus.groovy.runtime.ResourceGroovyMethods", "org.codehaus.groovy.runtime.IOGroovyMethods",
                "org.apache.groovy.nio.");
        deny("no network access", true, "java.net.", "javax.net.", "org.codehaus.groovy.runtime.SocketGroovyMethods");
        deny("no processes", true, "java.lang.Process*", "java.lang.Runtime",
                "org.codehaus.groovy.runtime.ProcessGroovyMethods");
        deny("no threads or sleeping", true, "java.util.concurrent.", "java.util.Timer*",
                "org.codehaus.groovy.runtime.DefaultGroovyStaticMethods");
        deny("no threads or sleeping", false, "java.lang.Thread");
        deny("no System access (exit, properties, environment)", true, "java.lang.System");
        deny("no reflection", true, "java.lang.reflect.", "java.lang.ClassLoader", "java.lang.Module");
        deny("no reflection", false, "java.lang.Class", "java.lang.invoke.", "groovy.lang.MetaClass*",
                "groovy.lang.ExpandoMetaClass", "org.codehaus.groovy.reflection.", "org.codehaus.groovy.runtime.InvokerHelper",
                "sun.", "jdk.");
        deny("no evaluating or loading code", true, "groovy.lang.GroovyShell", "groovy.lang.GroovyClassLoader*",
                "groovy.util.Eval", "groovy.util.GroovyScriptEngine*", "groovy.grape.", "javax.script.",
                "org.codehaus.groovy.control.");
        deny("a handler calls only its own methods and the handler helpers (no evaluate, print or binding)", false,
                "groovy.lang.Script");
    }

    private Refusals() {
    }

    private static void deny(String why, boolean atRunTime, String... prefixes) {
        for (String p : prefixes) {
            RULES.add(new Rule(p, why, atRunTime));
        }
    }

    /** Why a handler may not use {@code className}, or null when no rule names it. */
    static String why(String className) {
        Rule r = rule(className);
        return r == null ? null : r.why();
    }

    /** True when the run-time class filter refuses to load {@code className} for a handler. */
    static boolean deniedAtRunTime(String className) {
        Rule r = rule(className);
        return r != null && r.atRunTime();
    }

    /** {@code pkg.} names a package, {@code pkg.Name*} a family of classes, {@code pkg.Name} a class and its inner classes. */
    private static boolean matches(String pattern, String className) {
        if (pattern.endsWith(".") || pattern.endsWith("*")) {
            return className.startsWith(pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern);
        }
        return className.equals(pattern) || className.startsWith(pattern + "$");
    }

    private static Rule rule(String className) {
        for (Rule r : RULES) {
            if (matches(r.prefix(), className)) {
                return r;
            }
        }
        return null;
    }
}
