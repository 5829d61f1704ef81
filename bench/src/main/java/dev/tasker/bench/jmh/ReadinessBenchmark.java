package dev.tasker.bench.jmh;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tasker.core.engine.NewTask;
import dev.tasker.core.engine.TaskFactory;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TemplateRecord;
import dev.tasker.core.template.TaskTemplate;
import dev.tasker.core.template.TemplateDag;
import dev.tasker.core.template.TemplateParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.UUID;

/**
 * Readiness from the template in memory: a task's steps with their pending-parent counts and edges, as task
 * creation computes them, for a layered DAG (100 steps a layer, each depending on two of the layer above).
 */
@State(Scope.Benchmark)
public class ReadinessBenchmark {

    @Param({"1000", "10000"})
    public int steps;

    private TemplateRecord record;
    private TaskRequest request;

    @Setup(Level.Trial)
    public void parse() {
        StringBuilder yaml = new StringBuilder("name: layered\nnamespace_name: bench\nversion: 1.0.0\nsteps:\n");
        int width = 100;
        for (int i = 0; i < steps; i++) {
            yaml.append("  - { name: s").append(i).append(", handler: { callable: Noop }");
            if (i >= width) {
                int layerStart = (i / width - 1) * width;
                yaml.append(", dependencies: [s").append(layerStart + i % width).append(", s")
                        .append(layerStart + (i + 1) % width).append(']');
            }
            yaml.append(" }\n");
        }
        TaskTemplate template = new TemplateParser(null, callable -> true).parse(yaml.toString(), "layered.yaml");
        record = new TemplateRecord(UUID.randomUUID(), template);
        request = TaskRequest.of("bench", "layered", JsonNodeFactory.instance.objectNode());
    }

    @Benchmark
    public NewTask newTaskWithPendingParents() {
        return TaskFactory.build(record, request);
    }

    @Benchmark
    public TemplateDag dag() {
        return new TemplateDag(record.template());
    }
}
