package dev.tasker.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run, grouped by section, each beside its DESIGN §9 target; written as markdown and JSON. */
public final class Report {

    /**
     * @param target  e.g. "≤ 2 ms", or "" when DESIGN sets none
     * @param met     whether the figure meets its target; null when there is none
     */
    public record Row(String section, String measure, double value, String unit, String target, Boolean met, String note) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();

    public synchronized void add(Row row) {
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-58s %12s %-6s %s%n", row.measure(), format(row.value()), row.unit(),
                row.target().isEmpty() ? "" : "(target " + row.target() + (row.met() ? ", met)" : ", NOT met)"));
    }

    public void add(String section, String measure, double value, String unit) {
        add(new Row(section, measure, value, unit, "", null, ""));
    }

    /** A figure with an upper bound as its target. */
    public void atMost(String section, String measure, double value, String unit, double limit) {
        add(new Row(section, measure, value, unit, "≤ " + format(limit) + " " + unit, value <= limit, ""));
    }

    /** A figure with a lower bound as its target. */
    public void atLeast(String section, String measure, double value, String unit, double floor) {
        add(new Row(section, measure, value, unit, "≥ " + format(floor) + " " + unit, value >= floor, ""));
    }

    public void environment(String key, String value) {
        environment.put(key, value);
    }

    /** Writes {@code <stamp>.md}, {@code <stamp>.json}, {@code latest.md} and {@code latest.json} into {@code dir}. */
    public Path write(Path dir) {
        String stamp = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HHmm").withZone(ZoneOffset.UTC).format(Instant.now());
        try {
            Files.createDirectories(dir);
            String markdown = markdown();
            String json = json().toPrettyString();
            Files.writeString(dir.resolve(stamp + ".md"), markdown);
            Files.writeString(dir.resolve(stamp + ".json"), json);
            Files.writeString(dir.resolve("latest.md"), markdown);
            Files.writeString(dir.resolve("latest.json"), json);
            return dir.resolve(stamp + ".md");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + dir, e);
        }
    }

    String markdown() {
        StringBuilder out = new StringBuilder("# Tasker benchmarks\n\n");
        environment.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        String section = null;
        for (Row row : rows) {
            if (!row.section().equals(section)) {
                section = row.section();
                out.append("\n## ").append(section).append("\n\n| measure | value | target | met |\n| --- | ---: | --- | --- |\n");
            }
            out.append("| ").append(row.measure()).append(row.note().isEmpty() ? "" : " (" + row.note() + ")")
                    .append(" | ").append(format(row.value())).append(' ').append(row.unit())
                    .append(" | ").append(row.target())
                    .append(" | ").append(row.met() == null ? "" : row.met() ? "yes" : "**no**").append(" |\n");
        }
        return out.toString();
    }

    ObjectNode json() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ArrayNode list = root.putArray("results");
        for (Row row : rows) {
            ObjectNode o = list.addObject();
            o.put("section", row.section()).put("measure", row.measure()).put("value", row.value()).put("unit", row.unit())
                    .put("target", row.target()).put("note", row.note());
            if (row.met() != null) {
                o.put("met", row.met());
            }
        }
        return root;
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) value);
        }
        return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : Math.abs(value) >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
