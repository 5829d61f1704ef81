package dev.tasker.host.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The Maven project {@code tasker init} writes: a pom on the BOM, one handler per language chained by a template in
 * {@code handlers/}, a {@code HandlerTester} test and a {@code @TaskerTest} test that pass as written.
 *
 * @param namespace the template's namespace (the folder's name, in snake_case)
 */
record StarterProject(Path dir, String groupId, String artifactId, String namespace, List<StarterLanguage> languages) {

    static final String TEMPLATE = "greeting";

    /** The files written, relative to {@code dir}. */
    List<Path> write() throws IOException {
        Properties versions = versions();
        List<Path> written = new ArrayList<>();
        write(written, "pom.xml", pom(versions));
        write(written, ".gitignore", "target/\n");
        StarterLanguage previous = null;
        for (StarterLanguage language : languages) {
            write(written, "handlers/" + language.fileName(), language.handler(previous));
            previous = language;
        }
        write(written, "handlers/" + TEMPLATE + ".yaml", template());
        String pkg = groupId.replace('.', '/');
        write(written, "src/test/java/" + pkg + "/HandlersTest.java", handlersTest());
        write(written, "src/test/java/" + pkg + "/GreetingWorkflowTest.java", workflowTest());
        write(written, "README.md", readme());
        return written;
    }

    private void write(List<Path> written, String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        written.add(Path.of(relative));
    }

    static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = StarterProject.class.getResourceAsStream("versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties is missing from the class path");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private StarterLanguage last() {
        return languages.getLast();
    }

    private String languageList() {
        return languages.stream().map(l -> "\"" + l.word() + "\"").collect(Collectors.joining(", "));
    }

    private String template() {
        StringBuilder steps = new StringBuilder();
        StarterLanguage previous = null;
        for (StarterLanguage language : languages) {
            steps.append("  - name: ").append(language.stepName()).append('\n')
                    .append("    handler: { callable: '").append(language.callable()).append("' }\n");
            if (previous != null) {
                steps.append("    dependencies: [").append(previous.stepName()).append("]\n");
            }
            previous = language;
        }
        return """
                name: %s
                namespace_name: %s
                version: 1.0.0
                description: 'Each language greets in turn; submit it with a context like {"who": "Ada"}'
                input_schema:
                  type: object
                  properties:
                    who: { type: string }
                steps:
                %s""".formatted(TEMPLATE, namespace, steps);
    }

    private String handlersTest() {
        StringBuilder tests = new StringBuilder();
        StarterLanguage previous = null;
        for (StarterLanguage language : languages) {
            String call = previous == null
                    ? "tester.step(\"%s\").input(\"who\", \"Ada\").call()".formatted(language.callable())
                    : "tester.step(\"%s\")\n                .dependency(\"%s\", Map.of(\"greeting\", \"hello Ada\", \"languages\", List.of(\"%s\"))).call()"
                    .formatted(language.callable(), previous.stepName(), previous.word());
            String expected = previous == null ? "\"" + language.word() + "\"" : "\"" + previous.word() + "\", \"" + language.word() + "\"";
            tests.append("""

                        @Test
                        void %sStep() {
                            HandlerOutcome outcome = %s;

                            assertThat(outcome.result().get("greeting").asText()).isEqualTo("hello Ada");
                            assertThat(outcome.result().get("languages")).extracting(JsonNode::asText).containsExactly(%s);
                        }
                    """.formatted(language.word(), call, expected));
            previous = language;
        }
        return """
                package %s;

                import com.fasterxml.jackson.databind.JsonNode;
                import dev.tasker.testkit.HandlerOutcome;
                import dev.tasker.testkit.HandlerTester;
                import org.junit.jupiter.api.AfterAll;
                import org.junit.jupiter.api.BeforeAll;
                import org.junit.jupiter.api.Test;

                import java.nio.file.Path;
                import java.util.List;
                import java.util.Map;

                import static org.assertj.core.api.Assertions.assertThat;

                /** Each handler called alone, as a worker would call it: no database, no server. */
                class HandlersTest {

                    static HandlerTester tester;

                    @BeforeAll
                    static void load() {
                        tester = HandlerTester.load(Path.of("handlers"));
                    }

                    @AfterAll
                    static void close() {
                        tester.close();
                    }
                %s}
                """.formatted(groupId, tests);
    }

    private String workflowTest() {
        return """
                package %s;

                import com.fasterxml.jackson.databind.JsonNode;
                import dev.tasker.client.Task;
                import dev.tasker.testkit.TaskerTest;
                import dev.tasker.testkit.TaskerTestClient;
                import org.junit.jupiter.api.Test;

                import java.util.Map;

                import static org.assertj.core.api.Assertions.assertThat;

                /** The whole workflow on an engine in this JVM: the REST API, a worker and PostgreSQL. */
                @TaskerTest(handlers = "handlers")
                class GreetingWorkflowTest {

                    @Test
                    void everyLanguageGreetsInTurn(TaskerTestClient tasker) {
                        Task task = tasker.run("%s", "%s", Map.of("who", "Ada"));

                        assertThat(task.status()).isEqualTo("complete");
                        JsonNode last = task.step("%s").orElseThrow().result();
                        assertThat(last.get("greeting").asText()).isEqualTo("hello Ada");
                        assertThat(last.get("languages")).extracting(JsonNode::asText).containsExactly(%s);
                    }
                }
                """.formatted(groupId, namespace, TEMPLATE, last().stepName(), languageList());
    }

    private String pom(Properties v) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0"
                         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>%1$s</groupId>
                  <artifactId>%2$s</artifactId>
                  <version>0.1.0-SNAPSHOT</version>

                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>25</maven.compiler.release>
                    <tasker.version>%3$s</tasker.version>
                    <graalvm.version>%4$s</graalvm.version>
                  </properties>

                  <dependencyManagement>
                    <dependencies>
                      <!-- the versions Tasker was built and tested with: GraalVM, JUnit, AssertJ, Jackson -->
                      <dependency>
                        <groupId>dev.tasker</groupId><artifactId>tasker-bom</artifactId><version>${tasker.version}</version>
                        <type>pom</type><scope>import</scope>
                      </dependency>
                    </dependencies>
                  </dependencyManagement>

                  <dependencies>
                    <dependency><groupId>dev.tasker</groupId><artifactId>tasker-testkit</artifactId><scope>test</scope></dependency>
                    <dependency><groupId>org.junit.jupiter</groupId><artifactId>junit-jupiter</artifactId><scope>test</scope></dependency>
                    <dependency><groupId>org.assertj</groupId><artifactId>assertj-core</artifactId><scope>test</scope></dependency>
                  </dependencies>

                  <build>
                    <plugins>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>%5$s</version></plugin>
                      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>%6$s</version></plugin>
                      <plugin>
                        <groupId>org.apache.maven.plugins</groupId>
                        <artifactId>maven-surefire-plugin</artifactId>
                        <version>%7$s</version>
                        <configuration>
                          <!-- GraalVM's languages use native access and sun.misc.Unsafe; Truffle's own assertions are off
                               (one fires when two Ruby contexts of one JVM share a C extension) -->
                          <argLine>--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -da:com.oracle.truffle... ${jit.flags}</argLine>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>

                  <profiles>
                    <profile>
                      <!-- the guest languages run interpreted by default; mvn test -Pjit runs them on the Graal JIT -->
                      <id>default</id>
                      <activation><activeByDefault>true</activeByDefault></activation>
                      <properties><jit.flags></jit.flags></properties>
                    </profile>
                    <profile>
                      <id>jit</id>
                      <properties>
                        <jit.flags>-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=${project.build.directory}/jit</jit.flags>
                      </properties>
                      <build>
                        <plugins>
                          <plugin>
                            <groupId>org.apache.maven.plugins</groupId>
                            <artifactId>maven-dependency-plugin</artifactId>
                            <version>%8$s</version>
                            <executions>
                              <execution>
                                <id>graal-compiler</id>
                                <phase>generate-test-resources</phase>
                                <goals><goal>copy</goal></goals>
                                <configuration>
                                  <outputDirectory>${project.build.directory}/jit</outputDirectory>
                                  <artifactItems>
                                    <artifactItem><groupId>org.graalvm.compiler</groupId><artifactId>compiler</artifactId><version>${graalvm.version}</version></artifactItem>
                                    <artifactItem><groupId>org.graalvm.truffle</groupId><artifactId>truffle-compiler</artifactId><version>${graalvm.version}</version></artifactItem>
                                    <artifactItem><groupId>org.graalvm.sdk</groupId><artifactId>collections</artifactId><version>${graalvm.version}</version></artifactItem>
                                    <artifactItem><groupId>org.graalvm.sdk</groupId><artifactId>word</artifactId><version>${graalvm.version}</version></artifactItem>
                                  </artifactItems>
                                </configuration>
                              </execution>
                            </executions>
                          </plugin>
                        </plugins>
                      </build>
                    </profile>
                  </profiles>
                </project>
                """.formatted(groupId, artifactId, v.getProperty("tasker"), v.getProperty("graalvm"),
                v.getProperty("resources-plugin"), v.getProperty("compiler-plugin"), v.getProperty("surefire-plugin"),
                v.getProperty("dependency-plugin"));
    }

    private String readme() {
        return """
                # %1$s

                Tasker handlers in %2$s, chained by `handlers/%3$s.yaml`.

                ```bash
                mvn test                                 # HandlersTest (each handler alone) and GreetingWorkflowTest (the workflow)
                mvn test -Pjit                           # the same, the guest languages on the Graal JIT
                tasker serve --handlers handlers         # serve them; then:
                tasker task create %4$s/%3$s -c '{"who": "Ada"}'
                ```
                """.formatted(artifactId, languages.stream().map(StarterLanguage::word).collect(Collectors.joining(", ")),
                TEMPLATE, namespace);
    }
}
