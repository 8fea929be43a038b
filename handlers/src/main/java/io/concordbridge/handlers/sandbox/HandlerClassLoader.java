package io.concordbridge.handlers.sandbox;

import java.util.Map;

/**
 * Defines one compiled handler's classes and links them only to what a handler may reach: a class
 * that {@link Refusals} denies at run time fails to load ({@link ClassNotFoundException}, then
 * {@link NoClassDefFoundError} in the script) even if the compile-time checks missed a way to name
 * it. A second line, not the first: Groovy's runtime, which the script calls, still sees everything.
 * Thread-safe (class loading is synchronized per name by the JVM contract of {@link ClassLoader}).
 */
public final class HandlerClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    /** @param classes the bytecode of the handler's classes by binary name */
    public HandlerClassLoader(ClassLoader parent, Map<String, byte[]> classes) {
        super("handler", parent);
        this.classes = Map.copyOf(classes);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (Refusals.deniedAtRunTime(name)) {
            throw new ClassNotFoundException(name + " is not available to handlers: " + Refusals.why(name));
        }
        return super.loadClass(name, resolve);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name);
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
