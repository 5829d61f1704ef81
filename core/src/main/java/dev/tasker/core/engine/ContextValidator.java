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

/**
 * Checks task contexts against their template's {@code input_schema} (JSON Schema, 2020-12 unless it says otherwise):
 * refuses those that fail, or (not enforcing, as Tasker never checks) logs what fails and lets them through.
 */
public final class ContextValidator {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(ContextValidator.class.getName());

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final Map<UUID, Optional<JsonSchema>> schemas = new ConcurrentHashMap<>();
    private final boolean enforce;

    public ContextValidator() {
        this(true);
    }

    public ContextValidator(boolean enforce) {
        this.enforce = enforce;
    }

    public void validate(TemplateRecord record, JsonNode context) {
        JsonNode inputSchema = record.template().inputSchema();
        if (inputSchema == null || inputSchema.isNull()) {
            return;
        }
        JsonSchema schema = schemas.computeIfAbsent(record.templateUuid(), k -> Optional.of(FACTORY.getSchema(inputSchema)))
                .orElseThrow();
        List<String> violations = schema.validate(context).stream().map(ValidationMessage::getMessage).sorted().toList();
        if (!violations.isEmpty() && enforce) {
            throw new InvalidContextException(record.template().key(), violations);
        }
        if (!violations.isEmpty()) {
            LOG.warning(() -> "A task of " + record.template().key() + " was created with a context its input_schema refuses "
                    + "(tasker.api.input-schema: warn): " + String.join("; ", violations));
        }
    }
}
