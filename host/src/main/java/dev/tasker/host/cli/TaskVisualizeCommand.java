package dev.tasker.host.cli;

import dev.tasker.client.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "visualize", mixinStandardHelpOptions = true,
        description = "The task's DAG as a Mermaid flowchart, each step with its state.")
public final class TaskVisualizeCommand extends TaskCommand.ServerCall {

    @Parameters(paramLabel = "TASK_UUID")
    String task;

    @Override
    public Integer call() {
        Task t = server.client().task(uuid(task, "task"));
        print(t, MermaidGraph.of(t));
        return 0;
    }
}
