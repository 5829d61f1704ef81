package dev.tasker.host.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskerConfigTest {

    @Test
    void defaultsServeOnPort8080WithTheEmbeddedDatabaseUnderTheHomeDirectory() {
        TaskerConfig config = TaskerConfig.from(Config.just(ConfigSources.classpath("application.yaml")));

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.database().usesEmbedded()).isTrue();
        assertThat(config.database().embeddedDataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".tasker", "postgres"));
        assertThat(config.database().schema()).isEqualTo("tasker");
    }

    @Test
    void environmentStyleKeysOverrideTheDefaults() {
        Config config = Config.just(
                ConfigSources.create(Map.of(
                        "tasker.port", "9191",
                        "tasker.database.url", "postgresql://app@db:5432/tasker",
                        "tasker.data.dir", "/var/lib/tasker/pg",
                        "tasker.handlers", "/srv/a, /srv/b")),
                ConfigSources.classpath("application.yaml"));

        TaskerConfig tasker = TaskerConfig.from(config);

        assertThat(tasker.port()).isEqualTo(9191);
        assertThat(tasker.database().url()).isEqualTo("postgresql://app@db:5432/tasker");
        assertThat(tasker.database().embeddedDataDir()).isEqualTo(Path.of("/var/lib/tasker/pg"));
        assertThat(tasker.handlerDirs()).containsExactly(Path.of("/srv/a"), Path.of("/srv/b"));
    }

    @Test
    void withoutHandlerDirectoriesARepositoryCheckoutServesTheExampleModules() {
        Config config = Config.just(ConfigSources.create(Map.of("tasker.repository.root", "/src/tasker")));

        assertThat(TaskerConfig.from(config).handlerDirs()).containsExactly(
                Path.of("/src/tasker/examples-ruby/handlers"),
                Path.of("/src/tasker/examples-python/handlers"),
                Path.of("/src/tasker/examples-ts/handlers"),
                Path.of("/src/tasker/examples-cross-language/handlers"));
    }

    @Test
    void anImpossiblePortIsRefusedWithTheValue() {
        Config config = Config.just(ConfigSources.create(Map.of("tasker.port", "70000")));

        assertThatThrownBy(() -> TaskerConfig.from(config)).hasMessage("tasker.port must be between 0 and 65535, not 70000");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nope/tasker.yaml")))
                .hasMessage("The configuration file /nope/tasker.yaml does not exist or cannot be read.");
    }

    @Test
    void aWorkerCanBeLimitedToSomeNamespaces() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "tasker.worker.namespaces", "billing, shipping", "tasker.worker.concurrency", "4")));

        TaskerConfig tasker = TaskerConfig.from(config);

        assertThat(tasker.worker().namespaces()).containsExactly("billing", "shipping");
        assertThat(tasker.worker().concurrency()).isEqualTo(4);
    }

    @Test
    void handlerListsInYamlAreRead() {
        Config config = Config.just(ConfigSources.create(Map.of("tasker.handlers.0", "/h/one", "tasker.handlers.1", "/h/two")));

        assertThat(TaskerConfig.from(config).handlerDirs()).isEqualTo(List.of(Path.of("/h/one"), Path.of("/h/two")));
    }

    @Test
    void eachLanguageHasItsOwnPoolSizeAndTypeScriptItsCache() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "tasker.languages.ruby.pool.size", "1", "tasker.languages.python.pool.size", "3",
                "tasker.home", "/var/tasker")));

        var languages = TaskerConfig.from(config).languages();

        assertThat(languages.rubyPoolSize()).isEqualTo(1);
        assertThat(languages.pythonPoolSize()).isEqualTo(3);
        assertThat(languages.javascriptPoolSize()).isEqualTo(dev.tasker.bridge.GuestSettings.DEFAULT_POOL_SIZE);
        assertThat(languages.typeScriptCache()).isEqualTo(Path.of("/var/tasker/ts-cache"));
    }

    @Test
    void aPoolOfNoContextsIsRefusedWithTheKey() {
        Config config = Config.just(ConfigSources.create(Map.of("tasker.languages.python.pool.size", "0")));

        assertThatThrownBy(() -> TaskerConfig.from(config)).hasMessage("tasker.languages.python.pool.size must be at least 1, not 0");
    }

    @Test
    void apiKeysComeFromTheEnvironmentAndNeverShowInTheConfigurationsText() {
        Config config = Config.just(ConfigSources.create(Map.of("tasker.api.keys", "alpha-key, beta-key",
                "tasker.api.max-ready-steps", "500")));

        TaskerConfig tasker = TaskerConfig.from(config);

        assertThat(tasker.api().keys()).containsExactly("alpha-key", "beta-key");
        assertThat(tasker.api().maxReadySteps()).isEqualTo(500);
        assertThat(tasker.toString()).doesNotContain("alpha-key").doesNotContain("beta-key").contains("keys=2 configured");
    }
}
