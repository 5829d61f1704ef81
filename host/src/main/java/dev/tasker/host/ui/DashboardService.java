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
import java.util.concurrent.ConcurrentHashMap;
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
    /** The bundle's files served so far (only files that exist: a request for another name is not kept). */
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

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
        send(res, "favicon.svg", "public, max-age=86400");
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
        // the names carry a hash of the content: a new build has new names
        send(res, ASSET_NAME.matcher(name).matches() ? "assets/" + name : null, "public, max-age=31536000, immutable");
    }

    /** A file of the bundle, read once; {@code file} null or unknown: 404. */
    private void send(ServerResponse res, String file, String cacheControl) {
        String extension = file == null ? "" : file.substring(file.lastIndexOf('.') + 1);
        Optional<byte[]> content = Optional.empty();
        if (CONTENT_TYPES.containsKey(extension)) {
            content = Optional.ofNullable(files.get(file)).or(() -> read(file));
            content.ifPresent(bytes -> files.putIfAbsent(file, bytes));
        }
        if (content.isEmpty()) {
            res.status(Status.NOT_FOUND_404).header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN).send("no dashboard file " + file);
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPES.get(extension));
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
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
