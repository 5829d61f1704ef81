package dev.tasker.bench.e2e;

import dev.tasker.bench.Percentiles;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Task creation through the REST API, one request at a time: POST /v1/tasks until 201, in milliseconds. */
public final class CreationRun {

    private final HttpClient http = HttpClient.newHttpClient();
    private final URI tasks;

    public CreationRun(BenchEngine engine) {
        this.tasks = URI.create("http://127.0.0.1:" + engine.port() + "/v1/tasks");
    }

    /** Tasks of a 10-step template in a namespace no worker serves, so that creating is all that happens. */
    public Percentiles run(int warmUp, int measured) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            create(i);
        }
        double[] ms = new double[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            create(warmUp + i);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return Percentiles.of(ms);
    }

    private void create(int i) throws Exception {
        String body = "{\"namespace\": \"" + BenchEngine.IDLE_NAMESPACE + "\", \"name\": \"linear_10_java\", \"context\": {\"i\": " + i + "}}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(tasks).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("POST /v1/tasks answered " + response.statusCode() + ": " + response.body());
        }
    }
}
