package dev.tasker.host.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * When API keys are configured, {@code /v1} (and {@code /metrics} unless it is public) answers only requests
 * that carry one, as {@code Authorization: Bearer KEY} or {@code X-API-Key: KEY}. Keys are compared in
 * constant time and never logged.
 */
public final class ApiKeyFilter implements Filter {

    private final List<byte[]> keys;
    private final boolean metricsPublic;

    public ApiKeyFilter(List<String> keys, boolean metricsPublic) {
        this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
        this.metricsPublic = metricsPublic;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        boolean guarded = path.startsWith("/v1/") || path.equals("/v1") || path.equals("/config")
                || (!metricsPublic && path.startsWith("/metrics"));
        if (keys.isEmpty() || !guarded || presented(req).filter(this::known).isPresent()) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        ApiResponses.error(res, Status.UNAUTHORIZED_401, "unauthorized",
                "this server needs an API key: send it as 'Authorization: Bearer KEY' or 'X-API-Key: KEY'", null);
    }

    private static Optional<String> presented(RoutingRequest req) {
        Optional<String> bearer = req.headers().value(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7)).map(v -> v.substring(7).strip());
        return bearer.isPresent() ? bearer : req.headers().value(HeaderNames.create("X-API-Key")).map(String::strip);
    }

    private boolean known(String presented) {
        byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (byte[] key : keys) {
            match |= MessageDigest.isEqual(key, candidate);
        }
        return match;
    }
}
