package dev.tasker.testkit;

import dev.tasker.core.json.Json;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HttpStubTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersARouteWithJsonAndRecordsTheRequest() throws Exception {
        try (HttpStub stub = HttpStub.start()) {
            stub.on("POST", "/v1/charges", request -> HttpStub.Reply.json(201,
                    Map.of("id", "ch_1", "amount", request.body().get("amount").asInt())));

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stub.url() + "/v1/charges"))
                    .header("Idempotency-Key", "k-1").POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 1250}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(Json.read(response.body())).isEqualTo(Json.read("{\"id\": \"ch_1\", \"amount\": 1250}"));
            assertThat(stub.requests("POST", "/v1/charges")).singleElement()
                    .satisfies(r -> assertThat(r.headers().get("idempotency-key")).isEqualTo("k-1"));
        }
    }

    @Test
    void anUnknownRouteIsA404ThatNamesIt() throws Exception {
        try (HttpStub stub = HttpStub.start()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stub.url() + "/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.body()).contains("no stub route for GET /nope");
        }
    }
}
