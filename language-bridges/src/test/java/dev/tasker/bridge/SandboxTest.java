package dev.tasker.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasker.core.api.StepResult;
import org.graalvm.polyglot.Engine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same probes in every guest language: a handler may read below its handler folder and nothing else, and can write
 * no file, see no environment, start no process, open no socket, reach no host class and make no native call. Each
 * refusal is an error the handler can catch.
 */
class SandboxTest {

    private static Path dir;
    private static Engine engine;
    private static ServerSocket listener;
    private static Map<String, LanguageRuntime> runtimes;
    private static Map<String, GuestHandlers> handlers;

    @BeforeAll
    static void load() throws IOException {
        dir = Files.createTempDirectory("sandbox");
        for (String file : List.of("probes.rb", "probes.py", "probes.mjs")) {
            try (InputStream in = SandboxTest.class.getResourceAsStream("/sandbox/" + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        Files.writeString(dir.resolve("data.txt"), "inside the handler folder");
        Files.createSymbolicLink(dir.resolve("passwd_link"), Path.of("/etc/passwd"));
        listener = new ServerSocket(0);
        listener.setSoTimeout(300);
        engine = Engine.newBuilder().option("engine.WarnInterpreterOnly", "false").build();
        runtimes = Map.of(
                "ruby", new RubyRuntime(engine, List.of(dir.resolve("probes.rb")), List.of(dir), 1),
                "python", new PythonRuntime(engine, List.of(dir.resolve("probes.py")), List.of(dir), 1),
                "javascript", new JsRuntime(engine, List.of(dir.resolve("probes.mjs")), List.of(dir), 1));
        runtimes.forEach((language, runtime) -> assertThat(runtime.loadErrors()).as(language).isEmpty());
        handlers = Map.of("ruby", new GuestHandlers(runtimes.get("ruby")), "python", new GuestHandlers(runtimes.get("python")),
                "javascript", new GuestHandlers(runtimes.get("javascript")));
    }

    @AfterAll
    static void close() throws IOException {
        runtimes.values().forEach(LanguageRuntime::close);
        engine.close();
        listener.close();
    }

    static Stream<Arguments> refusals() {
        return Stream.of("ruby", "python", "javascript").flatMap(language -> Stream.of(
                "write_file", "read_outside", "read_through_link", "list_outside", "environment", "start_process",
                "backticks", "open_socket", "host_class", "native_call").map(probe -> Arguments.of(language, probe)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void isRefusedWithAnErrorTheHandlerCatches(String language, String probe) throws Exception {
        JsonNode outcome = probe(language, probe);

        assertThat(outcome.get("refused").asBoolean()).as("%s %s: %s", language, probe, outcome).isTrue();
        assertThat(outcome.get("error").asText()).isNotBlank().doesNotContain("root:x:0:0");
        assertThat(Path.of("/tmp/tasker-sandbox-" + (language.equals("javascript") ? "js" : language) + ".txt")).doesNotExist();
        assertThat(aConnectionArrived()).as("a connection reached the listener").isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void aFileBelowTheHandlerFolderCanBeRead(String language) throws Exception {
        JsonNode outcome = probe(language, "read_inside");

        assertThat(outcome.get("value").asText()).as(outcome.toString()).isEqualTo("inside the handler folder");
    }

    static Stream<String> languages() {
        return Stream.of("ruby", "python", "javascript");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rubyInternals")
    void rubyCannotGoRoundTheGateThroughTruffleInternals(String probe) throws Exception {
        JsonNode outcome = probe("ruby", probe);

        assertThat(outcome.get("refused").asBoolean()).as("%s: %s", probe, outcome).isTrue();
    }

    @org.junit.jupiter.api.Test
    void rubyFilesBelowTheHandlerFolderStayUnchanged() throws Exception {
        probe("ruby", "posix_delete");

        assertThat(dir.resolve("data.txt")).hasContent("inside the handler folder");
    }

    static Stream<String> rubyInternals() {
        return Stream.of("posix_open", "foreign_descriptor", "posix_write", "native_ffi", "unguarded_require", "posix_delete",
                "change_environment");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pythonHostExceptions")
    void pythonGetsAnExceptionItCanCatchWhereGraalPyRaisesAHostOne(String probe) throws Exception {
        JsonNode outcome = probe("python", probe);

        assertThat(outcome.get("error").asText()).as(probe).startsWith("PermissionError: [Errno 1] ").contains("is not allowed in a Tasker handler");
    }

    static Stream<String> pythonHostExceptions() {
        return Stream.of("start_process", "open_socket", "socket_object", "select", "thread");
    }

    @org.junit.jupiter.api.Test
    void rubyRefusalsSayWhatWasRefusedAndWhy() throws Exception {
        assertThat(probe("ruby", "write_file").get("error").asText())
                .isEqualTo("Errno::EACCES: Permission denied - /tmp/tasker-sandbox-ruby.txt (handlers may not create, change or delete files)");
        assertThat(probe("ruby", "read_outside").get("error").asText())
                .isEqualTo("Errno::EACCES: Permission denied - /etc/passwd (handlers may only read files below their handler folders)");
        assertThat(probe("ruby", "start_process").get("error").asText())
                .isEqualTo("TaskerCore::Errors::SandboxViolation: system is not allowed in a Tasker handler: handlers may not start processes");
        assertThat(probe("ruby", "open_socket").get("error").asText()).startsWith(
                "TaskerCore::Errors::SandboxViolation: require 'socket' is not allowed in a Tasker handler: handlers may not open sockets");
    }

    private static JsonNode probe(String language, String probe) throws Exception {
        StepResult result = handlers.get(language).resolve("SandboxProbe").orElseThrow()
                .call(FakeContext.of("{\"probe\": \"" + probe + "\", \"port\": " + listener.getLocalPort() + "}"));
        return ((StepResult.Success) result).result();
    }

    private static boolean aConnectionArrived() throws IOException {
        try (var ignored = listener.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
