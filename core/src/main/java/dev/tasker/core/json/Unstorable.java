package dev.tasker.core.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * JSON that PostgreSQL's jsonb cannot hold: a string or key with the NUL character (U+0000). Found before it is written,
 * so that the writer is told which value, instead of every write failing.
 */
public final class Unstorable {

    private Unstorable() {
    }

    /** The path of the first NUL in {@code value} ({@code root.items[2].name}), if it has one. */
    public static Optional<String> nulAt(JsonNode value, String root) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isTextual()) {
            return value.textValue().indexOf('\0') >= 0 ? Optional.of(root) : Optional.empty();
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                Optional<String> found = nulAt(value.get(i), root + "[" + i + "]");
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String path = root + "." + field.getKey().replace("\0", "\\u0000");
                if (field.getKey().indexOf('\0') >= 0) {
                    return Optional.of(path + " (a key)");
                }
                Optional<String> found = nulAt(field.getValue(), path);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /** The value with every NUL written out as the six characters {@code \u0000} (for error records, which must be stored). */
    public static JsonNode spelledOut(JsonNode value) {
        if (nulAt(value, "").isEmpty()) {
            return value;
        }
        return spell(value);
    }

    private static JsonNode spell(JsonNode value) {
        var factory = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        if (value.isTextual()) {
            return factory.textNode(value.textValue().replace("\0", "\\u0000"));
        }
        if (value.isArray()) {
            var out = factory.arrayNode();
            value.forEach(v -> out.add(spell(v)));
            return out;
        }
        if (value.isObject()) {
            var out = factory.objectNode();
            value.fields().forEachRemaining(f -> out.set(f.getKey().replace("\0", "\\u0000"), spell(f.getValue())));
            return out;
        }
        return value;
    }

    /** "result.items[2] contains a NUL character (\u0000), which PostgreSQL cannot store". */
    public static String describe(String path) {
        return path + " contains a NUL character (\\u0000), which PostgreSQL cannot store";
    }
}
