package io.concordbridge.ops.metrics;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsReferenceTest {

    private static final String WRITE = "metrics.reference.write";

    @Test
    void docsMatchTheRegisteredMetrics() throws Exception {
        Path file = RepositoryRoot.find().resolve(MetricsReference.FILE);
        String generated = MetricsReference.markdown();
        if (Boolean.getBoolean(WRITE)) {
            Files.writeString(file, generated);
        }
        String actual = Files.exists(file) ? Files.readString(file) : "";
        assertThat(actual)
                .as(MetricsReference.FILE + " differs from the registered metrics; regenerate it with: "
                        + MetricsReference.REGENERATE)
                .isEqualTo(generated);
    }

    @Test
    void everyMetricNameTheReferenceMentionsIsRegistered() {
        MetricCatalog catalog = MetricCatalog.reference(true);
        Set<String> registered = new HashSet<>(catalog.seriesNames());
        catalog.entries().forEach(e -> registered.add(e.name()));
        Matcher m = Pattern.compile("`((?:concord|jvm|process)_[a-z0-9_]+)`").matcher(MetricsReference.markdown());
        int found = 0;
        while (m.find()) {
            assertThat(registered).as("registered series").contains(m.group(1));
            found++;
        }
        assertThat(found).isGreaterThan(15);
    }
}
