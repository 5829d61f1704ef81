package dev.tasker.host.docs;

import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docs check: every shell command of README.md and docs/*.md runs as written, in page order, against this
 * build's {@code tasker} (its {@code serve} lines start real servers on PostgreSQL, with the page's named files
 * written where they say), or is one that another test of the suite runs, named below.
 */
class DocsCommandsTest {

    /** Commands another test runs, as a pattern, and that test's source. */
    private static final Map<Pattern, String> RUN_ELSEWHERE = Map.of(
            Pattern.compile("^(\\w+=\\S+ )*\\./tasker test\\b.*"), ".ci/run",
            Pattern.compile("^\\./tasker (install|init)\\b.*|^\\(cd ~/greeter.*|^\\./tasker serve --handlers ~/greeter.*"),
            "starter/src/test/java/dev/tasker/starter/InitProjectTest.java",
            Pattern.compile("^(TASKER_DATABASE_URL=\\S+ )?\\./tasker bench\\b.*"),
            "bench/src/test/java/dev/tasker/bench/BenchOptionsTest.java",
            Pattern.compile("^export TASKER_DATABASE_URL=.*"), "db/src/test/java/dev/tasker/db/DatabaseUrlTest.java",
            Pattern.compile("^cd dashboard && npx vite\\b.*"), "dashboard/build-ui.sh");
    private static final Pattern SERVE = Pattern.compile("^\\./tasker serve\\b\\s*(.*?)\\s*&?$");
    private static final Pattern TASK_UUID = Pattern.compile("\"task_uuid\"\\s*:\\s*\"([0-9a-f-]{36})\"|(?m)^([0-9a-f-]{36})$");
    private static final Pattern ELIDED_UUID = Pattern.compile("\\b[0-9a-f]{8}-…");
    /** A result the page shows in the command's comment ({@code # … result {"a":1}}): the output must hold it. */
    private static final Pattern SHOWN_RESULT = Pattern.compile("result (\\{[^…]*\\})$");
    private static final Pattern HTTP_STATUS = Pattern.compile("\\nHTTP (\\d{3})$");

    @Test
    void everyDocumentedCommandRunsAsWrittenOrIsRunByTheTestNamedForIt(@TempDir Path scratch) throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> failures = new ArrayList<>();
        int ran = 0;
        try (DocServers servers = new DocServers(root, scratch, TestDatabases.serverUrl())) {
            for (DocPages.Page page : DocPages.read(root)) {
                Path dir = Files.createDirectories(scratch.resolve(page.name().replace('/', '_')));
                for (DocPages.NamedFile file : page.files()) {
                    Path target = dir.resolve(file.path());
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, file.content());
                }
                DocServers.Server server = null;
                String lastTask = null;
                for (DocPages.Command command : page.commands()) {
                    String elsewhere = runElsewhere(command.text());
                    if (elsewhere != null) {
                        if (!Files.exists(root.resolve(elsewhere))) {
                            failures.add(command.where() + ": " + command.text() + " is said to be run by " + elsewhere
                                    + ", which does not exist");
                        }
                        continue;
                    }
                    Matcher serve = SERVE.matcher(command.text());
                    try {
                        if (serve.matches()) {
                            makeHandlerFolders(dir, serve.group(1));
                            server = servers.serve(serve.group(1), dir);
                            ran++;
                            continue;
                        }
                        if (server == null) {
                            server = servers.serve("", root);
                        }
                        Ran result = run(command.text(), lastTask, dir, servers.environment(server), server.port());
                        ran++;
                        if (result.failure() != null) {
                            failures.add(command.where() + ": " + command.text() + "\n    " + result.failure());
                        }
                        Matcher shown = SHOWN_RESULT.matcher(command.comment());
                        if (shown.find() && !result.output().contains(shown.group(1))) {
                            failures.add(command.where() + ": " + command.text() + "\n    the page shows " + shown.group(1)
                                    + ", the command printed:\n" + result.output());
                        }
                        Matcher task = TASK_UUID.matcher(result.output());
                        while (task.find()) {
                            lastTask = task.group(1) != null ? task.group(1) : task.group(2);
                        }
                    } catch (IllegalStateException e) {
                        failures.add(command.where() + ": " + command.text() + "\n    " + e.getMessage());
                    }
                }
            }
        }
        assertThat(failures).as("documented commands that did not run as written").isEmpty();
        assertThat(ran).as("commands run").isGreaterThan(20);
    }

    private static String runElsewhere(String command) {
        return RUN_ELSEWHERE.entrySet().stream().filter(e -> e.getKey().matcher(command).matches())
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** A handler folder a serve line names that the page does not write (Tasker's layout) is made, empty. */
    private static void makeHandlerFolders(Path dir, String args) throws IOException {
        Matcher handlers = Pattern.compile("--handlers\\s+(\\S+)").matcher(args);
        while (handlers.find()) {
            Files.createDirectories(dir.resolve(handlers.group(1)));
        }
    }

    record Ran(String output, String failure) {
    }

    /**
     * Runs one command in bash, its placeholders filled (the page's last task for TASK_UUID, elided UUIDs and a
     * {@code $id} set by an earlier line, a
     * random one for ENTRY_UUID) and localhost:8080 being the page's server; a curl call must answer below 400 (below
     * 500 and not 405 when it names an entry that does not exist).
     */
    private static Ran run(String text, String lastTask, Path dir, Map<String, String> env, int port)
            throws IOException, InterruptedException {
        boolean unknownEntry = text.contains("ENTRY_UUID");
        String command = text.replace("./tasker ", "tasker ").replace("localhost:8080", "127.0.0.1:" + port)
                .replace("ENTRY_UUID", java.util.UUID.randomUUID().toString());
        if (lastTask != null) {
            command = ELIDED_UUID.matcher(command.replace("TASK_UUID", lastTask)).replaceAll(lastTask);
            if (!command.contains("id=")) {
                command = command.replace("\"$id\"", lastTask);
            }
        }
        if (command.contains("id=$(")) {
            command = command + " && printf '\\n%s\\n' \"$id\"";
        }
        boolean curl = command.startsWith("curl ");
        if (curl) {
            command = "curl -w '\\nHTTP %{http_code}' " + command.substring("curl ".length());
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process process = pb.start();
        process.getOutputStream().close();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Ran("", "did not end within 180 s");
        }
        String output = new String(process.getInputStream().readAllBytes()).strip();
        if (process.exitValue() != 0) {
            return new Ran(output, "exit code " + process.exitValue() + ": " + output);
        }
        if (curl) {
            Matcher status = HTTP_STATUS.matcher(output);
            if (!status.find()) {
                return new Ran(output, "no HTTP status: " + output);
            }
            int code = Integer.parseInt(status.group(1));
            boolean fine = unknownEntry ? code < 500 && code != 405 : code < 400;
            if (!fine) {
                return new Ran(output, "HTTP " + code + ": " + output);
            }
        }
        return new Ran(output, null);
    }
}
