package dev.tasker.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tasker.core.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A stand-in for the HTTP service an API handler calls: answers JSON by method and path, records every request,
 * and can answer late (to make a handler time out). Unknown routes are answered 404.
 *
 * <pre>{@code
 * try (HttpStub gateway = HttpStub.start()) {
 *     gateway.on("POST", "/v1/charges", request -> HttpStub.Reply.json(200, Map.of("id", "ch_1")));
 *     ... submit a task whose context names gateway.url() ...
 * }
 * }</pre>
 */
public final class HttpStub implements AutoCloseable {

    /** A request as received: headers by lower-case name, the body parsed when it is JSON (else a text node). */
    public record Request(String method, String path, Map<String, String> headers, JsonNode body) {
    }

    /** What to answer: a status, a JSON body, and how long to wait before answering. */
    public record Reply(int status, JsonNode body, Duration delay) {

        public static Reply json(int status, Object body) {
            return new Reply(status, Json.toTree(body), Duration.ZERO);
        }

        /** The same answer, sent only after {@code wait}. */
        public Reply after(Duration wait) {
            return new Reply(status, body, wait);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> received = new CopyOnWriteArrayList<>();

    private HttpStub(HttpServer server) {
        this.server = server;
    }

    /** Listens on a free port of 127.0.0.1. */
    public static HttpStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HttpStub stub = new HttpStub(server);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", stub::answer);
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException("the HTTP stub cannot listen on 127.0.0.1", e);
        }
    }

    /** Answers {@code method path} with what {@code responder} makes of each request; replaces an earlier route. */
    public HttpStub on(String method, String path, Function<Request, Reply> responder) {
        routes.put(method.toUpperCase() + " " + path, responder);
        return this;
    }

    /** e.g. {@code http://127.0.0.1:41321}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The requests received for {@code method path}, in order. */
    public List<Request> requests(String method, String path) {
        return received.stream().filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path)).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.isEmpty() ? "" : v.getFirst()));
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers, parse(body));
            received.add(request);
            Function<Request, Reply> route = routes.get(request.method().toUpperCase() + " " + request.path());
            Reply reply = route == null ? Reply.json(404, Map.of("error", "no stub route for " + request.method() + " "
                    + request.path())) : route.apply(request);
            if (!reply.delay().isZero()) {
                Thread.sleep(reply.delay());
            }
            byte[] out = reply.body().toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the caller hung up (e.g. it timed out on a delayed reply): nothing to answer
        }
    }

    private static JsonNode parse(String body) {
        if (body.isBlank()) {
            return JsonNodeFactory.instance.nullNode();
        }
        try {
            return Json.read(body);
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.textNode(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
