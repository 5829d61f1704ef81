package dev.tasker.host.cli;

import dev.tasker.client.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Show a task's progress until it ends.",
                "Exit code: 0 complete, 2 blocked by a failed step or in error, 3 cancelled, 4 still running at --timeout."})
public final class TaskWatchCommand extends TaskCommand.ServerCall {

    private static final int WIDTH = 30;

    @Parameters(paramLabel = "TASK_UUID")
    String task;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() throws InterruptedException {
        Task last = server.client().await(uuid(task, "task"), Duration.ofSeconds(timeoutSeconds), t -> {
            if (!server.json()) {
                out().println(bar(t));
                out().flush();
            }
        });
        if (server.json()) {
            print(last, "");
        } else {
            last.steps().stream().filter(s -> s.error() != null && !s.error().isNull())
                    .forEach(s -> out().println("  " + TaskCommand.stepLine(s)));
            out().flush();
        }
        return switch (last.status()) {
            case "complete", "resolved_manually" -> 0;
            case "blocked_by_failures", "error" -> 2;
            case "cancelled" -> 3;
            default -> 4;
        };
    }

    static String bar(Task t) {
        int total = Math.max(1, t.totalSteps());
        int filled = WIDTH * t.completedSteps() / total;
        return "[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] %d/%d steps  %s".formatted(t.completedSteps(),
                t.totalSteps(), t.status());
    }
}
