package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.bridge.ApiClient;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import dev.tasker.core.json.Json;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The host side of the preludes' API handler client: {@code __tasker_http(method, url, headersJson,
 * bodyJson, timeoutSeconds)} answers JSON, either {@code {"ok": true, "response": …}} or the error the
 * prelude raises ({@code {"ok": false, "retryable": …, "message": …, "retry_after": …}}).
 */
final class GuestHttp implements ProxyExecutable {

    @Override
    public Object execute(Value... args) {
        String method = args[0].asString();
        String url = args[1].asString();
        Map<String, String> headers = new LinkedHashMap<>();
        Json.read(args[2].asString()).fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        JsonNode body = args[3].isNull() ? null : Json.read(args[3].asString());
        Duration timeout = Duration.ofMillis((long) (args[4].asDouble() * 1000));
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        try {
            answer.put("ok", true);
            answer.set("response", ApiClient.send(method, url, headers, body, timeout).toJson());
        } catch (RetryableError e) {
            answer.put("ok", false).put("retryable", true).put("message", e.getMessage());
            if (e.retryAfter() != null) {
                answer.put("retry_after", e.retryAfter().toSeconds());
            }
        } catch (PermanentError e) {
            answer.put("ok", false).put("retryable", false).put("message", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.put("ok", false).put("retryable", true).put("message", method + " " + url + " was interrupted");
        }
        return answer.toString();
    }
}
