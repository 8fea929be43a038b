package io.concordbridge.ops.metrics;

import java.nio.file.Files;
import java.nio.file.Path;

/** The folder holding the reactor's pom.xml; tests run in a module folder. */
public final class RepositoryRoot {

    private RepositoryRoot() {
    }

    public static Path find() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("bridge-core"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
