package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.tasker.client.TaskerClient;
import picocli.CommandLine.Option;

import java.net.URI;

/** The options of every command that talks to a server. */
public final class ServerOptions {

    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    enum Output { text, json }

    @Option(names = "--url", paramLabel = "URL", defaultValue = "${env:TASKER_URL:-http://localhost:8080}",
            description = "The Tasker server (default ${DEFAULT-VALUE}; env TASKER_URL).")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:TASKER_API_KEY}",
            description = "An API key, when the server needs one (env TASKER_API_KEY).")
    String apiKey;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json, for scripts.")
    Output output;

    TaskerClient client() {
        return new TaskerClient(URI.create(url), apiKey);
    }

    boolean json() {
        return output == Output.json;
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
