package dev.tasker.bridge;

import com.sun.net.httpserver.HttpServer;
import dev.tasker.core.api.PermanentError;
import dev.tasker.core.api.RetryableError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiClientTest {

    @Test
    void aRefusedConnectionIsRetryable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/x";

        assertThatThrownBy(() -> ApiClient.send("GET", url, Map.of(), null, Duration.ofSeconds(2)))
                .isInstanceOf(RetryableError.class).hasMessageStartingWith("GET " + url + " failed");
    }

    @Test
    void aTimeoutIsRetryableAndSaysHowLong() throws IOException {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.createContext("/", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.start();
        try {
            String url = "http://127.0.0.1:" + slow.getAddress().getPort() + "/";
            assertThatThrownBy(() -> ApiClient.send("GET", url, Map.of(), null, Duration.ofSeconds(1)))
                    .isInstanceOf(RetryableError.class).hasMessage("GET " + url + " timed out after 1 s");
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void aMalformedUrlIsPermanent() {
        assertThatThrownBy(() -> ApiClient.send("GET", "not a url", Map.of(), null, Duration.ofSeconds(1)))
                .isInstanceOf(PermanentError.class).hasMessageStartingWith("'not a url' is not a URL an API handler can call");
    }
}
