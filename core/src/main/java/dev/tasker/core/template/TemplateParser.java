package dev.tasker.core.template;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tasker.core.retry.Backoff;
import dev.tasker.core.retry.RetryPolicy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads Tasker's template YAML (Ruby-symbol keys such as {@code :name:} included), applies the
 * overrides of one environment, and validates the result with {@link TemplateValidator}.
 */
public final class TemplateParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String environment;
    private final CallableCheck callables;

    /**
     * @param environment    whose {@code environments.<name>} overrides apply (null: none)
     * @param callableExists whether a callable resolves to a handler
     */
    public TemplateParser(String environment, Predicate<String> callableExists) {
        this(environment, CallableCheck.of(callableExists));
    }

    private TemplateParser(String environment, CallableCheck callables) {
        this.environment = environment;
        this.callables = callables;
    }

    /** A parser whose callable check can say why a callable is refused (ambiguous, missing, …). */
    public static TemplateParser checking(String environment, CallableCheck callables) {
        return new TemplateParser(environment, callables);
    }

    public TaskTemplate parse(String yaml, String sourceFile) {
        String file = sourceFile == null ? "<template>" : sourceFile;
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidTemplateException(List.of(file + (line > 0 ? ":" + line : "") + ": not valid YAML: "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").strip()));
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTemplateException(List.of(file + ": a template is a YAML mapping with name, namespace_name, "
                    + "version and steps"));
        }
        ObjectNode definition = (ObjectNode) withoutSymbolColons(root);
        applyEnvironment(definition);
        return new TemplateReader(definition, file, callables).read();
    }

    /** Ruby's YAML writes symbol keys as {@code :name}; Tasker's files load as they are. */
    static JsonNode withoutSymbolColons(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = e.getKey().startsWith(":") ? e.getKey().substring(1) : e.getKey();
                out.set(key, withoutSymbolColons(e.getValue()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(child -> out.add(withoutSymbolColons(child)));
            return out;
        }
        if (node.isTextual() && node.asText().startsWith(":") && node.asText().length() > 1
                && node.asText().substring(1).matches("[a-z_][a-z0-9_]*")) {
            return JsonNodeFactory.instance.textNode(node.asText().substring(1));
        }
        return node;
    }

    /** {@code environments.<env>.steps[]} entries are merged into the steps of the same name. */
    private void applyEnvironment(ObjectNode definition) {
        if (environment == null) {
            return;
        }
        JsonNode overrides = definition.path("environments").path(environment).path("steps");
        if (!overrides.isArray()) {
            return;
        }
        JsonNode steps = definition.path("steps");
        for (JsonNode override : overrides) {
            String name = override.path("name").asText(null);
            for (JsonNode step : steps) {
                if (step.isObject() && name != null && name.equals(step.path("name").asText())) {
                    deepMerge((ObjectNode) step, override);
                }
            }
        }
    }

    private static void deepMerge(ObjectNode target, JsonNode source) {
        source.fields().forEachRemaining(e -> {
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                deepMerge((ObjectNode) existing, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue().deepCopy());
            }
        });
    }

    /** Reads one definition into records, collecting every problem instead of stopping at the first. */
    private static final class TemplateReader {
        private final ObjectNode definition;
        private final String file;
        private final CallableCheck callables;
        private final List<String> problems = new ArrayList<>();
        private String where;

        TemplateReader(ObjectNode definition, String file, CallableCheck callables) {
            this.definition = definition;
            this.file = file;
            this.callables = callables;
        }

        TaskTemplate read() {
            String name = text(definition, "name");
            String namespace = definition.hasNonNull("namespace_name") ? text(definition, "namespace_name")
                    : definition.path("namespace").asText(null);
            String version = definition.path("version").asText("0.1.0");
            where = file + ": template " + (namespace == null ? "?" : namespace) + "/" + (name == null ? "?" : name)
                    + "@" + version;
            if (name == null || name.isBlank()) {
                problems.add(where + ": 'name' is missing");
            }
            if (namespace == null || !namespace.matches("[a-z0-9_]{1,63}")) {
                problems.add(where + ": 'namespace_name' " + (namespace == null ? "is missing"
                        : "'" + namespace + "' must be 1 to 63 characters of a-z, 0-9 and _"));
            }
            JsonNode stepsNode = definition.path("steps");
            List<StepTemplate> steps = new ArrayList<>();
            if (!stepsNode.isArray() && definition.has("step_templates")) {
                problems.add(where + ": uses 'step_templates', the format of Tasker's Rails engine; Tasker Core's format "
                        + "(and this one) lists them as 'steps', each with handler.callable");
            } else if (!stepsNode.isArray() || stepsNode.isEmpty()) {
                problems.add(where + ": 'steps' must be a non-empty list");
            } else {
                for (int i = 0; i < stepsNode.size(); i++) {
                    StepTemplate step = step(stepsNode.get(i), i);
                    if (step != null) {
                        steps.add(step);
                    }
                }
            }
            TaskTemplate template = new TaskTemplate(namespace, name, version, definition.path("description").asText(null),
                    definition.get("metadata"), definition.get("input_schema"), steps, file, definition);
            problems.addAll(new TemplateValidator(where, callables).validate(template));
            if (!problems.isEmpty()) {
                throw new InvalidTemplateException(problems);
            }
            return template;
        }

        private StepTemplate step(JsonNode node, int index) {
            String stepName = node.path("name").asText(null);
            String at = where + ", step " + (stepName == null ? "#" + (index + 1) : "'" + stepName + "'");
            if (!node.isObject() || stepName == null || stepName.isBlank()) {
                problems.add(at + ": every step needs a 'name'");
                return null;
            }
            JsonNode handler = node.path("handler");
            String callable = handler.isTextual() ? handler.asText() : handler.path("callable").asText(null);
            if (callable == null || callable.isBlank()) {
                problems.add(at + ": 'handler.callable' is missing");
                callable = "";
            } else {
                String stored = callables.resolved(callable);
                if (!stored.equals(callable)) {
                    callable = stored;
                    ObjectNode qualified = handler.isObject() ? (ObjectNode) handler : JsonNodeFactory.instance.objectNode();
                    qualified.put("callable", stored);
                    ((ObjectNode) node).set("handler", qualified);
                    handler = qualified;
                }
            }
            String typeName = node.path("type").asText("standard");
            StepType type = StepType.fromYaml(typeName).orElse(null);
            if (type == null) {
                problems.add(at + ": unknown step type '" + typeName
                        + "' (standard, decision, deferred_convergence, batchable or batch_worker)");
                type = StepType.STANDARD;
            }
            List<String> deps = new ArrayList<>();
            JsonNode depNode = node.has("dependencies") ? node.get("dependencies") : node.path("depends_on");
            if (depNode.isTextual()) {
                deps.add(depNode.asText());
            } else if (depNode.isArray()) {
                depNode.forEach(d -> deps.add(d.asText()));
            } else if (!depNode.isMissingNode() && !depNode.isNull()) {
                problems.add(at + ": 'dependencies' must be a list of step names");
            }
            int timeout = node.path("timeout_seconds").asInt(StepTemplate.DEFAULT_TIMEOUT_SECONDS);
            if (timeout <= 0) {
                problems.add(at + ": 'timeout_seconds' must be positive, not " + node.path("timeout_seconds").asText());
                timeout = StepTemplate.DEFAULT_TIMEOUT_SECONDS;
            }
            return new StepTemplate(stepName, node.path("description").asText(null), callable,
                    handler.path("method").asText("call"), handler.get("initialization"), type, deps,
                    retry(node.path("retry"), at), timeout, node.get("publishes_events"), node.get("batch_config"));
        }

        private RetryPolicy retry(JsonNode retry, String at) {
            RetryPolicy d = RetryPolicy.DEFAULT;
            if (retry.isMissingNode() || retry.isNull()) {
                return d;
            }
            String backoffName = retry.path("backoff").asText(d.backoff().yamlName());
            Backoff backoff = Backoff.fromYaml(backoffName).orElse(null);
            if (backoff == null) {
                problems.add(at + ": unknown retry backoff '" + backoffName + "' (none, linear, exponential or fibonacci)");
                backoff = d.backoff();
            }
            int max = retry.has("max_attempts") ? retry.get("max_attempts").asInt() : retry.path("limit").asInt(d.maxAttempts());
            if (max < 0) {
                problems.add(at + ": 'retry.max_attempts' must not be negative, not " + max);
                max = 1;
            }
            long base = retry.path("backoff_base_ms").asLong(d.baseMs());
            long cap = retry.path("max_backoff_ms").asLong(d.maxBackoffMs());
            if (base < 0 || cap < 0) {
                problems.add(at + ": 'retry.backoff_base_ms' and 'retry.max_backoff_ms' must not be negative");
                return d;
            }
            return new RetryPolicy(retry.path("retryable").asBoolean(true), max, backoff, base, cap);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}
