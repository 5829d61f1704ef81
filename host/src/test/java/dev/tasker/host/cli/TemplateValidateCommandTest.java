package dev.tasker.host.cli;

import dev.tasker.db.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tasker template validate DIR...}: offline, one line per problem, the exit code says whether there was any. */
class TemplateValidateCommandTest {

    private Path dir;

    @BeforeEach
    void createDirectory() throws IOException {
        dir = Files.createTempDirectory("validate").toRealPath();
        Files.writeString(dir.resolve("square.mjs"), """
                import { StepHandler } from '@tasker-systems/tasker';
                export class Square extends StepHandler { call(c) { return c.getInput('n') ** 2; } }
                """);
        Files.writeString(dir.resolve("flow.yaml"), """
                name: squares
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: square, handler: { callable: Square } }
                """);
    }

    @AfterEach
    void delete() {
        TestDatabases.deleteRecursively(dir);
    }

    private record Run(int exitCode, String output) {
    }

    private static Run validate(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new TaskerCommand());
        cli.setOut(new PrintWriter(out));
        String[] all = new String[args.length + 2];
        all[0] = "template";
        all[1] = "validate";
        System.arraycopy(args, 0, all, 2, args.length);
        return new Run(cli.execute(all), out.toString());
    }

    @Test
    void aGoodDirectoryExitsZeroAndSaysWhatItFound() {
        Run run = validate(dir.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.output().strip()).isEqualTo(
                "OK: 1 valid template (math/squares@1.0.0); 0 Ruby, 0 Python, 0 TypeScript, 1 JavaScript handler files; 1 template files");
    }

    @Test
    void aBadDirectoryExitsOneWithALinePerProblem() throws IOException {
        Files.writeString(dir.resolve("broken.mjs"), "export class Broken {\n  call() { return 1 +; }\n}\n");
        Files.writeString(dir.resolve("missing.yaml"), """
                name: missing
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: gone, handler: { callable: NoSuchHandler } }
                """);
        Files.writeString(dir.resolve("cycle.yaml"), """
                name: cycle
                namespace_name: math
                version: 1.0.0
                steps:
                  - { name: a, handler: { callable: Square }, dependencies: [b] }
                  - { name: b, handler: { callable: Square }, dependencies: [a] }
                """);
        Files.writeString(dir.resolve("not_yaml.yml"), "name: x\nsteps: [\n");

        Run run = validate(dir.toString(), dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output().lines().toList()).containsExactly(
                dir.resolve("nope") + ": not a directory (handler directories must be existing folders)",
                dir.resolve("broken.mjs") + ":2: SyntaxError: Expected an operand but found ; call() { return 1 +; } ^",
                dir.resolve("cycle.yaml") + ": template math/cycle@1.0.0: dependency cycle a -> b -> a (each step depends on the next)",
                dir.resolve("missing.yaml") + ": template math/missing@1.0.0, step 'gone': handler callable 'NoSuchHandler' resolves to no handler "
                        + "(no Ruby, Python, TypeScript or JavaScript file registers it, and no Java class of that name implements StepHandler)",
                dir.resolve("not_yaml.yml") + ":2: not valid YAML: while parsing a flow node in 'reader', line 3, column 1: ^ "
                        + "expected the node content, but found '<stream end>' in 'reader', line 3, column 1: ^",
                "5 problems: 1 valid template (math/squares@1.0.0); 0 Ruby, 0 Python, 0 TypeScript, 2 JavaScript handler files; 4 template files");
    }
}
