package io.concordbridge.ops.cli;

import io.concordbridge.core.config.BridgeConfig;
import io.concordbridge.core.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code --config FILE} option shared by the commands that work on a cluster. */
public final class ConfigOption {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "the bridge config (YAML)")
    Path file;

    public BridgeConfig load() {
        if (!Files.isRegularFile(file)) {
            throw new CommandFailure("config file " + file + " does not exist", 2);
        }
        return ConfigLoader.load(file);
    }
}
