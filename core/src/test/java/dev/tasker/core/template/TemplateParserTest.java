package dev.tasker.core.template;

import dev.tasker.core.retry.Backoff;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateParserTest {

    private final TemplateParser parser = new TemplateParser("test", callable -> !callable.startsWith("Missing"));

    @Test
    void readsTaskersFormatWithRetryAliasesAndDependsOn() {
        TaskTemplate t = parser.parse("""
                name: linear_workflow
                namespace_name: math
                version: 1.2.0
                description: four steps
                steps:
                  - name: square
                    handler: { callable: Math::Square, initialization: { power: 2 } }
                    retry: { retryable: true, limit: 5, backoff: linear, backoff_base_ms: 50, max_backoff_ms: 400 }
                    timeout_seconds: 7
                  - name: add
                    handler: { callable: Math::Add }
                    depends_on: [square]
                """, "linear.yaml");

        assertThat(t.key()).isEqualTo("math/linear_workflow@1.2.0");
        StepTemplate square = t.step("square").orElseThrow();
        assertThat(square.retry().maxAttempts()).isEqualTo(5);
        assertThat(square.retry().backoff()).isEqualTo(Backoff.LINEAR);
        assertThat(square.retry().baseMs()).isEqualTo(50);
        assertThat(square.timeoutSeconds()).isEqualTo(7);
        assertThat(square.initialization().get("power").asInt()).isEqualTo(2);
        assertThat(square.method()).isEqualTo("call");
        assertThat(t.step("add").orElseThrow().dependencies()).containsExactly("square");
    }

    @Test
    void rubySymbolKeysLoadAsTheyAre() {
        TaskTemplate t = parser.parse("""
                :name: symbols
                :namespace_name: legacy
                :version: 0.1.0
                :steps:
                  - :name: only
                    :handler:
                      :callable: Legacy::Only
                    :type: :standard
                """, "legacy.yml");

        assertThat(t.key()).isEqualTo("legacy/symbols@0.1.0");
        assertThat(t.step("only").orElseThrow().callable()).isEqualTo("Legacy::Only");
    }

    @Test
    void theCurrentEnvironmentOverridesStepSettings() {
        TaskTemplate t = parser.parse("""
                name: envs
                namespace_name: ops
                version: 1.0.0
                steps:
                  - name: call_api
                    handler: { callable: Ops::Call, initialization: { url: https://prod, retries: 3 } }
                    timeout_seconds: 30
                environments:
                  test:
                    steps:
                      - name: call_api
                        handler: { initialization: { url: http://localhost } }
                        timeout_seconds: 2
                """, "envs.yaml");

        StepTemplate step = t.step("call_api").orElseThrow();
        assertThat(step.timeoutSeconds()).isEqualTo(2);
        assertThat(step.initialization().get("url").asText()).isEqualTo("http://localhost");
        assertThat(step.initialization().get("retries").asInt()).isEqualTo(3);
    }

    @Test
    void aCycleIsReportedWithItsPath() {
        assertThatThrownBy(() -> parser.parse("""
                name: loop
                namespace_name: bad
                version: 1.0.0
                steps:
                  - { name: a, handler: { callable: X::A }, dependencies: [c] }
                  - { name: b, handler: { callable: X::B }, dependencies: [a] }
                  - { name: c, handler: { callable: X::C }, dependencies: [b] }
                """, "loop.yaml"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessage("loop.yaml: template bad/loop@1.0.0: dependency cycle a -> c -> b -> a (each step depends on the next)");
    }

    @Test
    void everyProblemIsReportedNamingFileTemplateAndStep() {
        InvalidTemplateException e = (InvalidTemplateException) org.assertj.core.api.Assertions.catchThrowable(() -> parser.parse("""
                name: broken
                namespace_name: bad
                version: "1.0"
                steps:
                  - { name: a, handler: { callable: X::A } }
                  - { name: a, handler: { callable: X::A2 } }
                  - { name: b, handler: { callable: MissingHandler }, dependencies: [nope] }
                  - { name: c, handler: { callable: X::C }, type: parallel, dependencies: [a] }
                  - { name: d, handler: { callable: X::D }, type: decision }
                """, "broken.yaml"));

        assertThat(e.problems()).containsExactlyInAnyOrder(
                "broken.yaml: template bad/broken@1.0: version '1.0' is not semantic (MAJOR.MINOR.PATCH, e.g. 1.0.0)",
                "broken.yaml: template bad/broken@1.0, step 'a': duplicate step name",
                "broken.yaml: template bad/broken@1.0, step 'b': depends on unknown step 'nope'",
                "broken.yaml: template bad/broken@1.0, step 'b': handler callable 'MissingHandler' resolves to no handler",
                "broken.yaml: template bad/broken@1.0, step 'c': unknown step type 'parallel' "
                        + "(standard, decision, deferred_convergence, batchable or batch_worker)",
                "broken.yaml: template bad/broken@1.0, step 'd': a decision step needs dependencies "
                        + "(it decides on the results of earlier steps)");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> parser.parse("name: x\nsteps:\n  - name: [unclosed\n", "syntax.yaml"))
                .isInstanceOf(InvalidTemplateException.class)
                .hasMessageStartingWith("syntax.yaml:3: not valid YAML: while parsing a flow sequence in ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aNamespaceMustBeLowercaseWordCharacters() {
        assertThatThrownBy(() -> parser.parse("""
                name: n
                namespace_name: Billing-Team
                version: 1.0.0
                steps: [ { name: a, handler: { callable: X::A } } ]
                """, "ns.yaml"))
                .hasMessage("ns.yaml: template Billing-Team/n@1.0.0: 'namespace_name' 'Billing-Team' must be 1 to 63 "
                        + "characters of a-z, 0-9 and _");
    }
}
