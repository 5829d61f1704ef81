package dev.tasker.host.server;

import dev.tasker.bridge.GuestSettings;
import dev.tasker.core.engine.TaskRequest;
import dev.tasker.core.engine.TaskView;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.TaskState;
import dev.tasker.db.testing.TestDatabases;
import dev.tasker.host.config.TaskerConfig;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code tasker serve --classpath}: Java handlers from a folder of classes and from a jar, not on the server's class path. */
class JavaClassPathTest {

    @Test
    void javaHandlersFromAClassFolderAndAJarRunInOneWorkflow() throws Exception {
        Path dir = Files.createTempDirectory("java-classpath").toRealPath();
        try {
            Path classes = compile(dir, "acme.Triple", """
                    package acme;
                    import dev.tasker.core.handler.*;
import dev.tasker.core.api.*;
import dev.tasker.core.spi.*;
                    public final class Triple implements StepHandler {
                        public StepResult call(StepContext context) {
                            return StepResult.success(context.getInput("n").asInt() * 3);
                        }
                    }
                    """);
            Path jar = jar(compile(dir, "acme.PlusOne", """
                    package acme;
                    import dev.tasker.core.handler.*;
import dev.tasker.core.api.*;
import dev.tasker.core.spi.*;
                    public final class PlusOne implements StepHandler {
                        public StepResult call(StepContext context) {
                            return StepResult.success(context.dependencyResults().get("triple").asInt() + 1);
                        }
                    }
                    """), dir.resolve("plus-one.jar"));
            Files.walk(classes.getParent().resolve("classes-acme.PlusOne")).sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
            Path handlers = Files.createDirectories(dir.resolve("handlers"));
            Files.writeString(handlers.resolve("triple_plus_one.yaml"), """
                    name: triple_plus_one
                    namespace_name: java_math
                    version: 1.0.0
                    steps:
                      - { name: triple, handler: { callable: 'java:acme.Triple' } }
                      - { name: plus_one, handler: { callable: 'java:acme.PlusOne' }, dependencies: [triple] }
                    """);
            TaskerConfig config = new TaskerConfig("127.0.0.1", 0, TestDatabases.settings(TestDatabases.newSchemaName()),
                    List.of(handlers), Duration.ofSeconds(5), TaskerConfig.WorkerConfig.DEFAULT,
                    new GuestSettings(1, 1, 1, dir.resolve(".ts-cache")), "test", TaskerConfig.ApiConfig.DEFAULT,
                    TaskerConfig.EventsConfig.NONE).withJavaClassPath(List.of(classes, jar));

            try (TaskerServer server = TaskerServer.start(config)) {
                var task = server.engine().tasks().create(TaskRequest.of("java_math", "triple_plus_one",
                        Json.MAPPER.readTree("{\"n\": 5}")));
                await().atMost(Duration.ofSeconds(30)).until(() -> server.engine().queries().task(task).orElseThrow().state().isTerminal());
                TaskView done = server.engine().queries().task(task).orElseThrow();
                assertThat(done.state()).isEqualTo(TaskState.COMPLETE);
                assertThat(done.step("plus_one").orElseThrow().result().asInt()).isEqualTo(16);
            }
        } finally {
            TestDatabases.deleteRecursively(dir);
        }
    }

    @Test
    void anEntryThatIsNeitherAFolderNorAJarIsNamed() {
        Path missing = Path.of("/no/such/handlers.jar");
        assertThatThrownBy(() -> JavaClassPath.loader(List.of(missing)))
                .hasMessage("--classpath /no/such/handlers.jar: neither a folder of classes nor a .jar file");
    }

    private static Path compile(Path dir, String className, String source) throws Exception {
        Path src = dir.resolve("src-" + className).resolve(className.replace('.', '/') + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path out = Files.createDirectories(dir.resolve("classes-" + className));
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
                "-cp", System.getProperty("java.class.path"), src.toString());
        assertThat(exit).as("javac of " + className).isZero();
        return out;
    }

    private static Path jar(Path classes, Path jar) throws Exception {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             var files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }
}
