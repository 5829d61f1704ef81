package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.tasker.core.json.Json;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks an answer against this project's OpenAPI document: its status is documented and its body fits the schema. */
final class DocumentedResponses {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonNode DOCUMENT = Json.read(Json.write(OpenApiService.tree()).replace("#/components/schemas/", "#/$defs/")
);

    private DocumentedResponses() {
    }

    /** What in {@code body} does not fit the schema of a documented response (an operation's {@code responses.NNN}). */
    static List<String> problems(JsonNode documented, JsonNode body) {
        JsonNode schema = documented.has("$ref")
                ? DOCUMENT.at(documented.get("$ref").asText().substring(1)).path("content").path("application/json").path("schema")
                : documented.path("content").path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return List.of();
        }
        ObjectNode withDefs = schema.deepCopy();
        withDefs.set("$defs", DOCUMENT.path("components").path("schemas"));
        Set<ValidationMessage> found = FACTORY.getSchema(withDefs).validate(body);
        return found.stream().map(ValidationMessage::getMessage).collect(Collectors.toList());
    }

    static JsonNode documented(String method, String path, int status) {
        return DOCUMENT.path("paths").path(path).path(method.toLowerCase(Locale.ROOT)).path("responses").path(Integer.toString(status));
    }

    /**
     * @param path   the documented path, e.g. {@code /v1/tasks/{uuid}}
     * @return the body, parsed
     */
    static JsonNode check(String method, String path, HttpResponse<String> response) {
        JsonNode operation = DOCUMENT.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        assertThat(operation.isMissingNode()).as("%s %s is documented", method, path).isFalse();
        JsonNode documented = operation.path("responses").path(Integer.toString(response.statusCode()));
        assertThat(documented.isMissingNode())
                .as("%s %s answered %d (%s), a status the document gives", method, path, response.statusCode(), response.body())
                .isFalse();
        JsonNode body = Json.read(response.body());
        assertThat(problems(documented, body)).as("%s %s %d body %s", method, path, response.statusCode(), response.body())
                .isEmpty();
        return body;
    }
}
