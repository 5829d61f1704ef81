package dev.tasker.core.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** DESIGN §5: the idempotency key if given, else a hash of template and context with keys sorted. */
public final class TaskIdentity {

    private TaskIdentity() {
    }

    public static String of(String namespace, String name, String version, JsonNode context, String idempotencyKey) {
        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
            return "key:" + sha256(namespace + "/" + name + "\n" + idempotencyKey);
        }
        return "ctx:" + sha256(namespace + "/" + name + "@" + version + "\n" + Json.canonical(context));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
