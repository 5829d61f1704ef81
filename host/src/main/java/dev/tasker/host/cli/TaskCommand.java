package dev.tasker.host.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.client.NewTask;
import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.client.TaskPage;
import dev.tasker.client.TaskerClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "task", mixinStandardHelpOptions = true, description = "Create, inspect, watch and act on tasks.",
        subcommands = {TaskCommand.Create.class, TaskCommand.Get.class, TaskCommand.ListTasks.class, TaskCommand.Cancel.class,
                TaskCommand.Steps.class, TaskCommand.ResetStep.class, TaskCommand.ResolveStep.class,
                TaskCommand.CompleteStep.class, TaskWatchCommand.class, TaskStepAuditCommand.class, TaskVisualizeCommand.class,
                CommandLine.HelpCommand.class})
public final class TaskCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Base of the subcommands: the server options and the output stream. */
    abstract static class ServerCall implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Spec
        CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void print(Object value, String text) {
            out().println(server.json() ? ServerOptions.toJson(value) : text);
            out().flush();
        }

        static UUID uuid(String text, String what) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + text + "' is not a " + what + " UUID");
            }
        }

        /** A step given by its UUID or by its name in the task. */
        UUID step(UUID taskUuid, String uuidOrName) {
            try {
                return UUID.fromString(uuidOrName);
            } catch (IllegalArgumentException notAUuid) {
                var steps = server.client().steps(taskUuid);
                return steps.stream().filter(s -> s.name().equals(uuidOrName)).map(Step::stepUuid).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("task " + taskUuid + " has no step named '" + uuidOrName
                                + "'; its steps: " + String.join(", ", steps.stream().map(Step::name).toList())));
            }
        }
    }

    static String summary(Task t) {
        return "%s  %s/%s@%s  %s  %d/%d steps (%s)".formatted(t.taskUuid(), t.namespace(), t.name(), t.version(), t.status(),
                t.completedSteps(), t.totalSteps(), t.executionStatus());
    }

    static String stepLine(Step s) {
        String error = s.error() == null || s.error().isNull() ? "" : "  " + s.error().path("error_type").asText() + ": "
                + s.error().path("message").asText();
        String result = s.result() == null || s.result().isNull() ? "" : "  result " + s.result();
        return "%s  %-24s %-18s attempts %d/%d%s%s".formatted(s.stepUuid(), s.name(), s.currentState(), s.attempts(),
                s.maxAttempts(), result, error);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a task from a registered template.")
    static final class Create extends ServerCall {
        @Parameters(paramLabel = "NAMESPACE/NAME", description = "The template, e.g. math/linear_workflow.")
        String template;

        @Option(names = "--version", description = "The template version (default: the latest).")
        String version;

        @Option(names = {"-c", "--context"}, paramLabel = "JSON", description = "The task context as JSON (default {}).")
        String context;

        @Option(names = "--context-file", paramLabel = "FILE", description = "The task context from a JSON file.")
        Path contextFile;

        @Option(names = "--idempotency-key", paramLabel = "KEY", description = "Creates nothing if a task with this key exists.")
        String idempotencyKey;

        @Override
        public Integer call() throws IOException {
            String[] parts = template.split("/", 2);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give the template as NAMESPACE/NAME, not '" + template + "'");
            }
            String json = contextFile != null ? Files.readString(contextFile) : context == null ? "{}" : context;
            JsonNode ctx;
            try {
                ctx = ServerOptions.JSON.readTree(json);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the context is not valid JSON: " + e.getOriginalMessage());
            }
            Task task = server.client().createTask(NewTask.of(parts[0], parts[1], ctx).withVersion(version)
                    .withIdempotencyKey(idempotencyKey));
            print(task, task.taskUuid().toString());
            return 0;
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a task and its steps.")
    static final class Get extends ServerCall {
        @Parameters(paramLabel = "TASK_UUID")
        String task;

        @Override
        public Integer call() {
            Task t = server.client().task(uuid(task, "task"));
            StringBuilder text = new StringBuilder(summary(t));
            t.steps().forEach(s -> text.append('\n').append("  ").append(stepLine(s)));
            print(t, text.toString());
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks, newest first.")
    static final class ListTasks extends ServerCall {
        @Option(names = "--namespace") String namespace;
        @Option(names = "--status", description = "e.g. complete, blocked_by_failures") String status;
        @Option(names = "--page", defaultValue = "1") int page;
        @Option(names = "--per-page", defaultValue = "25") int perPage;

        @Override
        public Integer call() {
            TaskPage tasks = server.client().tasks(namespace, status, page, perPage);
            StringBuilder text = new StringBuilder();
            tasks.tasks().forEach(t -> text.append(summary(t)).append('\n'));
            text.append("page %d of %d (%d tasks)".formatted(tasks.pagination().page(), Math.max(1, tasks.pagination().totalPages()),
                    tasks.pagination().totalCount()));
            print(tasks, text.toString());
            return 0;
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, description = "Cancel a task that has not finished.")
    static final class Cancel extends ServerCall {
        @Parameters(paramLabel = "TASK_UUID") String task;

        @Override
        public Integer call() {
            Task t = server.client().cancelTask(uuid(task, "task"));
            print(t, summary(t));
            return 0;
        }
    }

    @Command(name = "steps", mixinStandardHelpOptions = true, description = "List the steps of a task.")
    static final class Steps extends ServerCall {
        @Parameters(paramLabel = "TASK_UUID") String task;

        @Override
        public Integer call() {
            var steps = server.client().steps(uuid(task, "task"));
            print(steps, String.join("\n", steps.stream().map(TaskCommand::stepLine).toList()));
            return 0;
        }
    }

    /** A step action: the task's UUID, the step's UUID or name, and a reason. */
    abstract static class StepAction extends ServerCall {
        @Parameters(index = "0", paramLabel = "TASK_UUID") String task;
        @Parameters(index = "1", paramLabel = "STEP", description = "the step's UUID or its name in the task") String step;
        @Option(names = "--reason", defaultValue = "through the tasker CLI") String reason;

        abstract Step act(TaskerClient client, UUID taskUuid, UUID stepUuid);

        @Override
        public Integer call() {
            UUID taskUuid = uuid(task, "task");
            Step s = act(server.client(), taskUuid, step(taskUuid, step));
            print(s, stepLine(s));
            return 0;
        }
    }

    @Command(name = "reset-step", mixinStandardHelpOptions = true, description = "Run a step in error again from attempt 0.")
    static final class ResetStep extends StepAction {
        @Override
        Step act(TaskerClient client, UUID taskUuid, UUID stepUuid) {
            return client.resetStep(taskUuid, stepUuid, reason);
        }
    }

    @Command(name = "resolve-step", mixinStandardHelpOptions = true, description = "Mark a step resolved by hand (dependents run).")
    static final class ResolveStep extends StepAction {
        @Override
        Step act(TaskerClient client, UUID taskUuid, UUID stepUuid) {
            return client.resolveStep(taskUuid, stepUuid, reason);
        }
    }

    @Command(name = "complete-step", mixinStandardHelpOptions = true, description = "Complete a step by hand with a result.")
    static final class CompleteStep extends StepAction {
        @Option(names = "--result", paramLabel = "JSON", required = true, description = "The result its dependents read.")
        String result;

        @Override
        Step act(TaskerClient client, UUID taskUuid, UUID stepUuid) {
            try {
                return client.completeStep(taskUuid, stepUuid, ServerOptions.JSON.readTree(result), reason);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--result is not valid JSON: " + e.getOriginalMessage());
            }
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
