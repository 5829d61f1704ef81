package dev.tasker.host.server;

import dev.tasker.host.config.TaskerConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The API listens on loopback unless told otherwise, and never on another address without keys. */
class OpenApiBindTest {

    private static TaskerConfig config(Map<String, String> settings) {
        return TaskerConfig.from(Config.just(ConfigSources.create(settings), ConfigSources.classpath("application.yaml")));
    }

    @Test
    void theDefaultIsLoopbackAndStartsWithoutKeys() {
        TaskerConfig config = config(Map.of());

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThatCode(() -> TaskerServer.refuseAnOpenApiOffLoopback(config)).doesNotThrowAnyException();
    }

    @Test
    void everyAddressWithoutKeysIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> TaskerServer.refuseAnOpenApiOffLoopback(config(Map.of("tasker.host", "0.0.0.0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Tasker would listen on 0.0.0.0 with no API keys")
                .hasMessageContaining("Set TASKER_API_KEYS");
    }

    @Test
    void everyAddressWithKeysStarts() {
        TaskerConfig config = config(Map.of("tasker.host", "0.0.0.0", "tasker.api.keys", "k-one,k-two"));

        assertThatCode(() -> TaskerServer.refuseAnOpenApiOffLoopback(config)).doesNotThrowAnyException();
    }

    @Test
    void theStartUpLogSaysHowManyKeysThereAreAndNeverWhichOnes() {
        String withKeys = TaskerServer.apiKeysLine(config(Map.of("tasker.host", "0.0.0.0", "tasker.api.keys", "k-one,k-two")));

        assertThat(withKeys).isEqualTo("API keys: keys=2 configured; /v1 and /config answer only requests that carry one")
                .doesNotContain("k-one");
        assertThat(TaskerServer.apiKeysLine(config(Map.of())))
                .isEqualTo("API keys: none configured (keys=0); the API and the dashboard answer whoever reaches 127.0.0.1");
    }
}
