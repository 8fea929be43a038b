package io.concordbridge.handlers.host;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One handler file and the version of it in use. The file is read again at most once per
 * {@code recheck}; when its content changed it is recompiled and the new version replaces the old for
 * the calls that start afterwards. A change that does not compile (or a file that disappears) keeps the
 * old version in use, with one WARN per broken content. Thread-safe: {@link #current} is synchronized,
 * and compiling a new version happens under that lock, on the pool thread of the call that noticed it.
 */
final class HandlerFile {

    private static final Logger LOG = LoggerFactory.getLogger(HandlerFile.class);

    private final String name;
    private final Path path;
    private final long recheckNanos;
    private CompiledHandler current;
    private String seenHash;
    private RuntimeException seenError;
    private long checkedAt;

    HandlerFile(String name, Path path, Duration recheck) {
        this.name = name;
        this.path = path;
        this.recheckNanos = recheck.toNanos();
    }

    String name() {
        return name;
    }

    /**
     * The version to run: the one in use, reloaded if the file changed. Throws {@link CompileError} or
     * {@link IllegalArgumentException} (no such file) while no version has ever compiled.
     */
    synchronized CompiledHandler current(boolean force) {
        long now = System.nanoTime();
        if (!force && seenHash != null && now - checkedAt < recheckNanos) {
            return currentOrThrow();
        }
        checkedAt = now;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return unreadable(new IllegalArgumentException("no such handler file " + name + " in " + path.getParent()));
        } catch (IOException e) {
            return unreadable(new IllegalArgumentException("cannot read handler file " + path + ": " + e.getMessage(), e));
        }
        String hash = HandlerCompiler.hash(bytes);
        if (hash.equals(seenHash)) {
            return currentOrThrow();
        }
        seenHash = hash;
        if (current != null && hash.equals(current.hash())) {
            seenError = null;
            return current;
        }
        try {
            CompiledHandler next = HandlerCompiler.compile(name, bytes);
            if (current == null) {
                LOG.info("handler {} compiled", next.id());
            } else {
                LOG.info("handler {} changed and recompiled: {} replaces {}", name, next.hash(), current.hash());
            }
            current = next;
            seenError = null;
        } catch (CompileError e) {
            seenError = e;
            if (current != null) {
                LOG.warn("handler {} changed but does not compile, so {} stays in use: {}", name, current.id(), e.getMessage());
            }
        }
        return currentOrThrow();
    }

    private CompiledHandler unreadable(IllegalArgumentException e) {
        if (current == null) {
            seenHash = null;
            throw e;
        }
        if (seenError == null || !seenError.getMessage().equals(e.getMessage())) {
            LOG.warn("{}; {} stays in use", e.getMessage(), current.id());
        }
        seenError = e;
        seenHash = "unreadable";
        return current;
    }

    private CompiledHandler currentOrThrow() {
        if (current == null) {
            throw seenError;
        }
        return current;
    }
}
