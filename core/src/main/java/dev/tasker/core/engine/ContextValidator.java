package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Enforces a template's {@code input_schema} (JSON Schema, 2020-12 unless it says otherwise) on task contexts. */
public final class ContextValidator {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final Map<UUID, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();

    public void validate(TemplateRecord record, JsonNode context) {
        JsonNode inputSchema = record.template().inputSchema();
        if (inputSchema == null || inputSchema.isNull()) {
            return;
        }
        JsonSchema schema = schemas.computeIfAbsent(record.templateUuid(), k -> Optional.of(FACTORY.getSchema(inputSchema)))
                .orElseThrow();
        List<String> violations = schema.validate(context).stream().map(ValidationMessage::getMessage).sorted().toList();
        if (!violations.isEmpty()) {
            throw new InvalidContextException(record.template().key(), violations);
        }
    }
}
