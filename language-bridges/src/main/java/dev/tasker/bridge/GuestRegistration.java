package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.json.Json;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A name a handler file registered, and the file that defines the handler: loading one file can define handlers of
 * others (a Python package's {@code __init__} importing its modules, a Ruby {@code require_relative}).
 */
record GuestRegistration(String name, Path file) {

    /** A prelude's answer: names, or [name, defining file] pairs; a bare name is defined by {@code loaded}. */
    static List<GuestRegistration> parse(String json, Path loaded) {
        List<GuestRegistration> out = new ArrayList<>();
        for (JsonNode entry : Json.read(json)) {
            if (entry.isArray()) {
                String file = entry.path(1).asText(null);
                out.add(new GuestRegistration(entry.path(0).asText(), file == null ? loaded : Path.of(file)));
            } else {
                out.add(new GuestRegistration(entry.asText(), loaded));
            }
        }
        return out;
    }
}
