package dev.tasker.host.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;
import dev.tasker.core.json.Unstorable;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A request's JSON object, read up to a size limit. */
final class JsonBody {

    private JsonBody() {
    }

    static JsonNode read(ServerRequest req, long limitBytes) {
        long declared = req.headers().contentLength().orElse(-1);
        if (declared > limitBytes) {
            throw tooLarge(limitBytes);
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limitBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > limitBytes) {
            throw tooLarge(limitBytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON object as its body");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(text);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object, not " + (node == null ? "nothing" : node.getNodeType().name().toLowerCase()));
            }
            Unstorable.nulAt(node, "body").ifPresent(path -> {
                throw new ApiException(Status.BAD_REQUEST_400, "unstorable_value", Unstorable.describe(path));
            });
            return node;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new ApiException(Status.BAD_REQUEST_400, "malformed_json", "the body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + ": "
                    + e.getOriginalMessage().replaceAll("\\s+", " ").strip());
        }
    }

    /** A string field that may be missing or null; a 400 naming the field when it is something else. */
    static String optionalText(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return v.asText();
    }

    /** The request's content type is JSON, or it has none. */
    static boolean acceptsJson(ServerRequest req) {
        return req.headers().value(HeaderNames.CONTENT_TYPE).map(v -> v.toLowerCase().startsWith("application/json")).orElse(true);
    }

    private static ApiException tooLarge(long limitBytes) {
        return new ApiException(Status.REQUEST_ENTITY_TOO_LARGE_413, "body_too_large",
                "the body is larger than " + limitBytes + " bytes (tasker.api.max-body-bytes)");
    }
}
