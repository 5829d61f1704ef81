package dev.tasker.host.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.tasker.core.json.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code GET /openapi}: the API described, as YAML, or JSON when the client accepts it. */
public final class OpenApiService implements HttpService {

    public static final String PATH = "/openapi";
    private static final String DOCUMENT = document();

    public static String document() {
        try (InputStream in = OpenApiService.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The document as a tree. */
    public static JsonNode tree() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(Method.GET, PATH, this::serve));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.register(rules, PATH, routes());
    }

    private void serve(ServerRequest req, ServerResponse res) {
        boolean json = req.headers().value(HeaderNames.ACCEPT).map(a -> a.contains("application/json")).orElse(false)
                || req.query().first("format").map("json"::equals).orElse(false);
        if (json) {
            ApiResponses.json(res, tree());
        } else {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(DOCUMENT);
        }
    }
}
