package dev.tasker.host.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the configuration: environment variables, then system properties, then a file, then the defaults. */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static Config load(Path configFile) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.systemProperties());
        if (configFile != null) {
            if (!Files.isReadable(configFile)) {
                throw new IllegalArgumentException("The configuration file " + configFile + " does not exist or cannot be read.");
            }
            builder.addSource(ConfigSources.file(configFile));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }
}
