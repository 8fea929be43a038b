package io.concordbridge.core.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigReferenceTest {

    private static final String WRITE = "config.reference.write";

    @Test
    void docsMatchTheDeclarations() throws Exception {
        Path file = repositoryRoot().resolve(ConfigReference.FILE);
        String generated = ConfigReference.markdown();
        if (Boolean.getBoolean(WRITE)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated);
        }
        String actual = Files.exists(file) ? Files.readString(file) : "";
        assertThat(actual)
                .as(ConfigReference.FILE + " differs from the key declarations in ConfigKeys; regenerate it with: "
                        + ConfigReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        String md = ConfigReference.markdown();
        for (ConfigKey<?> k : ConfigKeys.all()) {
            assertThat(md).contains("| `" + k.name() + "` |");
            assertThat(k.description()).as(k.name()).isNotBlank();
        }
        assertThat(md).contains("| `leaders.<name>.port` | integer | `3306` | 1..65535 |");
        assertThat(md).contains("| `capture.max-queue-size` | integer | `8192` | >= 1; > capture.max-batch-size |");
    }

    @Test
    void theReferenceExampleLoads() {
        BridgeConfig c = ConfigLoader.parse("example", ConfigReference.EXAMPLE, Map.of("DC2_PASSWORD", "x", "CONCORD_TOKEN", "t"));

        assertThat(c.leaders()).hasSize(2);
    }

    @Test
    void everyDeclaredContainerHasDeclaredKeysAndEveryKeyAParent() {
        for (ConfigKey<?> k : ConfigKeys.all()) {
            String parent = k.parent();
            assertThat(parent.isEmpty() || ConfigKeys.all().stream().anyMatch(p -> p.name().equals(parent)
                    || p.name().equals(parent.replace("[]", "")))).as(k.name() + " has a declared parent").isTrue();
        }
    }

    /** The folder holding the reactor's pom.xml: tests run in bridge-core/. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("bridge-core"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
