package dev.tasker.examples.cross;

import dev.tasker.client.Step;
import dev.tasker.client.Task;
import dev.tasker.testkit.TaskerTestClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The approval workflow in each language: the amount decides which approvals exist; finalize waits for them. */
@ExamplesInEveryLanguage
class ApprovalRoutingTest {

    private static final List<String> APPROVALS = List.of("auto_approve", "manager_approval", "finance_review");

    static Stream<Arguments> amounts() {
        return Stream.of("examples_ruby", "examples_python", "examples_ts").flatMap(namespace -> Stream.of(
                Arguments.of(namespace, 500, List.of("auto_approve"), List.of("system")),
                Arguments.of(namespace, 1000, List.of("manager_approval"), List.of("manager")),
                Arguments.of(namespace, 5000, List.of("manager_approval", "finance_review"), List.of("manager", "finance")),
                Arguments.of(namespace, 0.01, List.of("auto_approve"), List.of("system"))));
    }

    @ParameterizedTest(name = "{0}: {1} needs {2}")
    @MethodSource("amounts")
    void onlyTheChosenApprovalsExistAndFinalizeListsTheirApprovers(String namespace, Number amount, List<String> steps,
                                                                 List<String> approvers, TaskerTestClient tasker) {
        Task task = tasker.run(namespace, "approval_routing", Map.of("amount", amount, "requester", "ada"));

        assertThat(task.status()).as("steps: %s", task.steps()).isEqualTo("complete");
        assertThat(task.steps().stream().map(Step::name).filter(APPROVALS::contains)).containsExactlyInAnyOrderElementsOf(steps);
        var finalized = task.step("finalize_approval").orElseThrow().result();
        assertThat(finalized.get("approved").asBoolean()).isTrue();
        assertThat(finalized.get("approvers")).extracting(n -> n.asText()).containsExactlyElementsOf(approvers);
    }
}
