package io.concordbridge.handlers.sandbox;

import java.util.Set;

/**
 * What a handler may call: the classes whose every method is harmless (text, numbers, collections,
 * dates, the handler API), single methods of a few others, and by name the Groovy extension methods
 * that work on collections, maps, text and numbers. Everything else is refused. Stateless.
 */
final class AllowList {

    static final String API_PACKAGE = "io.concordbridge.handlers.api.";

    /** Classes whose every public method and constructor a handler may call. */
    private static final Set<String> CLASSES = Set.of(
            "java.lang.String", "java.lang.CharSequence", "java.lang.StringBuilder", "java.lang.Character",
            "java.lang.Boolean", "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Short",
            "java.lang.Byte", "java.lang.Double", "java.lang.Float", "java.lang.Math", "java.lang.Comparable",
            "java.lang.Iterable", "java.math.BigDecimal", "java.math.BigInteger", "java.math.RoundingMode",
            "java.math.MathContext", "java.util.Objects", "java.util.Optional",
            "java.util.Collection", "java.util.List", "java.util.Set", "java.util.Map", "java.util.Map$Entry",
            "java.util.Iterator", "java.util.ArrayList", "java.util.LinkedList", "java.util.HashMap",
            "java.util.LinkedHashMap", "java.util.TreeMap", "java.util.HashSet", "java.util.LinkedHashSet",
            "java.util.TreeSet", "java.util.SortedMap", "java.util.SortedSet", "java.util.NavigableMap",
            "java.util.Arrays", "java.util.Collections", "java.util.UUID", "java.util.regex.Pattern",
            "java.util.regex.Matcher",
            "java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime", "java.time.Duration",
            "java.time.Instant", "java.time.Period", "java.time.ZoneOffset", "java.time.DayOfWeek", "java.time.Month",
            "java.time.temporal.ChronoUnit", "java.time.format.DateTimeFormatter",
            "java.lang.IllegalArgumentException", "java.lang.IllegalStateException", "java.lang.ArithmeticException",
            "java.lang.NumberFormatException", "java.lang.RuntimeException",
            "groovy.lang.GString", "groovy.lang.Range", "groovy.lang.IntRange", "groovy.lang.ObjectRange",
            "groovy.lang.Tuple2", "org.codehaus.groovy.runtime.StringGroovyMethods",
            "org.codehaus.groovy.runtime.NumberAwareComparator");

    /** Single methods of classes a handler may not otherwise use, {@code class#method}. */
    private static final Set<String> METHODS = Set.of(
            "java.lang.Object#equals", "java.lang.Object#hashCode", "java.lang.Object#toString", "java.lang.Enum#name",
            "groovy.lang.Closure#call", "groovy.lang.Closure#curry",
            // the checks the ThreadInterrupt transform adds to every loop, closure and method:
            "java.lang.Thread#currentThread", "java.lang.Thread#isInterrupted",
            "java.lang.InterruptedException#<init>");

    /** Groovy extension methods (DefaultGroovyMethods and its array, number and collection kin) by name. */
    private static final Set<String> EXTENSIONS = Set.of(
            "each", "eachWithIndex", "collect", "collectEntries", "collectMany", "find", "findAll", "findResult",
            "findResults", "findIndexOf", "any", "every", "count", "countBy", "groupBy", "sum", "max", "min", "sort",
            "toSorted", "unique", "toUnique", "inject", "join", "first", "last", "head", "tail", "init", "take",
            "drop", "takeWhile", "dropWhile", "reverse", "flatten", "intersect", "disjoint", "subMap", "withDefault",
            "get", "getAt", "putAt", "plus", "minus", "multiply", "div", "intdiv", "mod", "remainder", "power",
            "negative", "positive", "abs", "round", "trunc", "next", "previous", "leftShift", "rightShift", "and", "or",
            "xor", "bitwiseNegate", "compareTo", "equals", "isCase", "asBoolean", "toList", "toSet", "asList",
            "asImmutable", "asUnmodifiable", "contains", "containsAll", "size", "isEmpty", "grep", "split", "step",
            "upto", "downto", "times", "toInteger", "toLong", "toBigDecimal", "toBigInteger", "toDouble", "toFloat",
            "isNumber", "isInteger", "isLong", "isBigDecimal", "toString", "with", "tap", "indexed", "withIndex",
            "average", "combinations", "transpose", "chop", "collate", "removeAll", "retainAll", "addAll", "is");

    /**
     * The extension methods a handler may call on a receiver typed Object: not {@code getAt}/{@code putAt},
     * which read and write any property by name at run time.
     */
    private static final Set<String> ON_OBJECT = Set.of("with", "tap", "toString", "equals", "is", "asBoolean", "isCase",
            "each", "eachWithIndex", "collect", "find", "findAll", "findResult", "any", "every", "inject", "grep");

    /** Extension classes whose methods {@link #EXTENSIONS} may name. */
    private static final Set<String> EXTENSION_CLASSES = Set.of(
            "org.codehaus.groovy.runtime.DefaultGroovyMethods", "org.codehaus.groovy.runtime.ArrayGroovyMethods",
            "org.codehaus.groovy.runtime.StringGroovyMethods", "org.codehaus.groovy.runtime.dgmimpl.NumberNumberPlus",
            "org.codehaus.groovy.runtime.dgmimpl.NumberNumberMinus",
            "org.codehaus.groovy.runtime.dgmimpl.NumberNumberMultiply",
            "org.codehaus.groovy.runtime.dgmimpl.NumberNumberDiv");

    /** Names no receiver may answer: the doors to reflection and to the meta-object protocol. */
    private static final Set<String> NEVER = Set.of("getClass", "getMetaClass", "setMetaClass", "invokeMethod",
            "getProperty", "setProperty", "getProperties", "wait", "notify", "notifyAll", "forName", "evaluate",
            "execute", "sleep", "start", "mixin", "use", "getMetaPropertyValues", "respondsTo", "hasProperty");

    private AllowList() {
    }

    /** True when a handler may use every public method, field and constructor of {@code className}. */
    static boolean wholeClass(String className) {
        return className.startsWith(API_PACKAGE) || CLASSES.contains(className);
    }

    /** True when a handler may call {@code method} (a constructor is {@code <init>}) declared by {@code owner}. */
    static boolean method(String owner, String method) {
        if (NEVER.contains(method)) {
            return false;
        }
        return owner.startsWith(API_PACKAGE) || CLASSES.contains(owner) || METHODS.contains(owner + "#" + method);
    }

    /**
     * True when a handler may call the extension method {@code method} of extension class {@code owner}
     * on a receiver of type {@code self}.
     */
    static boolean extension(String owner, String method, String self) {
        if (NEVER.contains(method) || self.equals("java.lang.Object") && !ON_OBJECT.contains(method)) {
            return false;
        }
        return owner.equals("org.codehaus.groovy.runtime.StringGroovyMethods")
                || EXTENSION_CLASSES.contains(owner) && EXTENSIONS.contains(method);
    }
}
