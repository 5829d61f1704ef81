package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = "The dead-letter queue: tasks that need a person, and the investigations.",
        subcommands = {DlqCommand.ListEntries.class, DlqCommand.Get.class, DlqCommand.Update.class, DlqCommand.Stats.class,
                CommandLine.HelpCommand.class})
public final class DlqCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    static String line(JsonNode e) {
        return "%s  task %s  %-18s %-16s since %s".formatted(e.path("dlq_entry_uuid").asText(), e.path("task_uuid").asText(),
                e.path("dlq_reason").asText(), e.path("resolution_status").asText(), e.path("dlq_timestamp").asText());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Entries, newest first.")
    static final class ListEntries extends TaskCommand.ServerCall {
        @Option(names = {"-s", "--status"}, description = "pending, manually_resolved, permanently_failed or cancelled")
        String status;
        @Option(names = {"-l", "--limit"}, defaultValue = "50") int limit;
        @Option(names = "--offset", defaultValue = "0") int offset;

        @Override
        public Integer call() {
            JsonNode entries = server.client().deadLetters(status, limit, offset);
            StringBuilder text = new StringBuilder();
            entries.forEach(e -> text.append(line(e)).append('\n'));
            text.append(entries.size()).append(entries.size() == 1 ? " entry" : " entries");
            print(entries, text.toString());
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "A task's newest entry, with its snapshot.")
    static final class Get extends TaskCommand.ServerCall {
        @Parameters(paramLabel = "TASK_UUID") String task;

        @Override
        public Integer call() {
            JsonNode e = server.client().deadLetter(uuid(task, "task"));
            StringBuilder text = new StringBuilder(line(e));
            e.path("task_snapshot").path("steps").forEach(s -> text.append("\n  %-24s %-18s attempts %d/%d%s".formatted(
                    s.path("name").asText(), s.path("current_state").asText(), s.path("attempts").asInt(),
                    s.path("max_attempts").asInt(), s.path("error").isObject()
                            ? "  " + s.path("error").path("message").asText() : "")));
            if (e.hasNonNull("resolution_notes")) {
                text.append("\n  notes: ").append(e.get("resolution_notes").asText());
            }
            print(e, text.toString());
            return 0;
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true, description = "Record how an investigation stands.")
    static final class Update extends TaskCommand.ServerCall {
        @Parameters(paramLabel = "DLQ_ENTRY_UUID") String entry;
        @Option(names = {"-s", "--status"}, description = "pending, manually_resolved, permanently_failed or cancelled")
        String status;
        @Option(names = {"-n", "--notes"}) String notes;
        @Option(names = {"-b", "--resolved-by"}) String resolvedBy;
        @Option(names = "--metadata", paramLabel = "JSON", description = "merged into the entry's metadata") String metadata;

        @Override
        public Integer call() {
            JsonNode extra;
            try {
                extra = metadata == null ? null : ServerOptions.JSON.readTree(metadata);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--metadata is not valid JSON: " + e.getOriginalMessage());
            }
            JsonNode answer = server.client().updateDeadLetter(uuid(entry, "dead-letter entry"), status, notes, resolvedBy, extra);
            print(answer, answer.path("message").asText());
            return 0;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Entries by reason and status.")
    static final class Stats extends TaskCommand.ServerCall {
        @Override
        public Integer call() {
            JsonNode stats = server.client().deadLetterStats();
            StringBuilder text = new StringBuilder("%-24s %6s %8s %9s %10s %10s".formatted("reason", "total", "pending",
                    "resolved", "permanent", "cancelled"));
            stats.forEach(s -> text.append("\n%-24s %6d %8d %9d %10d %10d".formatted(s.path("dlq_reason").asText(),
                    s.path("total_entries").asLong(), s.path("pending").asLong(), s.path("manually_resolved").asLong(),
                    s.path("permanent_failures").asLong(), s.path("cancelled").asLong())));
            print(stats, text.toString());
            return 0;
        }
    }
}
