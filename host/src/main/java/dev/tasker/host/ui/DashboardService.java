package dev.tasker.host.ui;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dashboard (module {@code dashboard}, bundled under {@code tasker-ui/} on the class path): its page at every
 * address under {@code /ui} the page routes itself, and its content-hashed assets. The page holds no data; what it
 * shows comes from {@code /v1}, behind the same API keys as any client's requests.
 */
public final class DashboardService implements HttpService {

    public static final String BASE = "/ui";

    private static final String ROOT = "tasker-ui/";
    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final Map<String, String> CONTENT_TYPES = Map.of("js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "woff2", "font/woff2",
            "json", "application/json");
    private static final String[] PAGES = {"", "/", "/tasks", "/tasks/{task}", "/templates", "/handlers", "/dlq"};

    private final ClassLoader loader;
    private final Optional<byte[]> page;

    public DashboardService(ClassLoader loader) {
        this.loader = loader;
        this.page = read("index.html");
    }

    /** {@code GET /} answers with the dashboard's address, {@code GET /favicon.ico} with its icon. */
    public void registerAtRoot(HttpRouting.Builder routing) {
        routing.get("/", (req, res) -> {
            res.status(Status.FOUND_302);
            res.header(HeaderNames.LOCATION, BASE + "/tasks");
            res.send();
        });
        routing.get("/favicon.ico", this::icon);
    }

    @Override
    public void routing(HttpRules rules) {
        for (String path : PAGES) {
            rules.get(path, this::page);
        }
        rules.get("/assets/{name}", this::asset);
        rules.get("/favicon.svg", this::icon);
    }

    private void icon(ServerRequest req, ServerResponse res) {
        Optional<byte[]> icon = read("favicon.svg");
        if (icon.isEmpty()) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "image/svg+xml");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
        res.send(icon.get());
    }

    private void page(ServerRequest req, ServerResponse res) {
        if (page.isEmpty()) {
            res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN)
                    .send("This server was built without its dashboard (tasker-dashboard.jar is not on its class path).");
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.send(page.get());
    }

    private void asset(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        String extension = name.substring(name.lastIndexOf('.') + 1);
        Optional<byte[]> content = ASSET_NAME.matcher(name).matches() && CONTENT_TYPES.containsKey(extension)
                ? read("assets/" + name) : Optional.empty();
        if (content.isEmpty()) {
            res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN).send("no dashboard asset " + name);
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPES.get(extension));
        // the names carry a hash of the content: a new build has new names
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=31536000, immutable");
        res.send(content.get());
    }

    private Optional<byte[]> read(String file) {
        try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the dashboard's " + file, e);
        }
    }
}
