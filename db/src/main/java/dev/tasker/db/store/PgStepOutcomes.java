package dev.tasker.db.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasker.core.engine.ClaimedStep;
import dev.tasker.core.engine.StepOutcome;
import dev.tasker.core.json.Json;
import dev.tasker.core.state.StepState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The one statement that writes attempts' outcomes: each step's new state with its transition and audit rows, the
 * children of those that release them released and claimed, and their tasks locked and their states read.
 */
final class PgStepOutcomes {

    /** One attempt's outcome to write; {@code release}: its children are released (and some claimed) in the statement. */
    record Writing(ClaimedStep step, StepOutcome outcome, int claimLimit, boolean release) {
    }

    /**
     * The outcomes are element {@code ord} of a JSON array. The tasks are locked first, in the order of their ids (the
     * update requires them, through an array built before it reads a step), then the steps, then the children: the
     * order every writer uses. Each input step is one row or more, in order: its task's state, whether it was
     * finished, and a child per row (none: one row with no child). The steps come as one JSON document, not as arrays:
     * PostgreSQL's estimates then do not depend on the values, so it plans the statement once (with arrays it
     * planned it afresh at every call, 0.6 ms each, seen in the benchmarks).
     */
    private static final String WRITE = """
            WITH i AS (
                SELECT (e ->> 'step_uuid')::uuid AS step_uuid, (e ->> 'task_uuid')::uuid AS task_uuid,
                       (e ->> 'attempt')::int AS attempt, e ->> 'to_state' AS to_state,
                       (e ->> 'ready_at')::timestamptz AS ready_at, (e ->> 'release')::boolean AS release,
                       e -> 'result' AS result, e -> 'error' AS error,
                       e ->> 'reason' AS reason, (e ->> 'claim_limit')::int AS claim_limit, ord
                FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS x(e, ord)),
            t AS (
                SELECT task_uuid, current_state FROM tasks WHERE task_uuid = ANY(ARRAY(SELECT task_uuid FROM i))
                ORDER BY task_uuid
                FOR NO KEY UPDATE),
            upd AS (
                UPDATE workflow_steps s
                SET current_state = i.to_state, result = i.result, error = i.error, lease_owner = NULL,
                    lease_expires_at = NULL, ready_at = COALESCE(i.ready_at, s.ready_at), updated_at = clock_timestamp(),
                    completed_at = CASE WHEN i.to_state = 'complete' THEN clock_timestamp() ELSE s.completed_at END
                FROM i
                WHERE s.step_uuid = ANY(ARRAY(SELECT step_uuid FROM i)) AND s.step_uuid = i.step_uuid
                  AND s.current_state = \s""" + StepMove.literal(StepState.IN_PROGRESS) + """

                  AND s.lease_owner = ? AND s.attempts = i.attempt
                  AND s.task_uuid = ANY(ARRAY(SELECT task_uuid FROM t))
                RETURNING s.step_uuid, s.task_uuid, s.attempts, s.started_at, s.result, s.error, i.to_state, i.reason,
                          i.release, i.claim_limit, i.ord),
            tr AS (
            """ + StepMove.insert("step_uuid", "task_uuid", StepMove.literal(StepState.IN_PROGRESS), "to_state", "attempts", "?",
            "reason", "upd ORDER BY ord") + """
            ),
            au AS (
                INSERT INTO workflow_step_result_audit (step_uuid, task_uuid, attempt, success, result, error, worker, started_at)
                SELECT step_uuid, task_uuid, attempts, to_state = 'complete', result, error, ?, started_at FROM upd ORDER BY ord),
            done AS (SELECT step_uuid, claim_limit, ord FROM upd WHERE release),
            """ + PgChildRelease.RELEASE_CTES + """

            SELECT i.ord, t.current_state AS task_state, u.step_uuid IS NOT NULL AS finished, c.claim, c.now_ready,
            """ + PgStepQueue.CLAIMED_COLUMNS + """

            FROM i LEFT JOIN upd u ON u.ord = i.ord LEFT JOIN t ON t.task_uuid = u.task_uuid LEFT JOIN kupd c ON c.via = i.ord
            ORDER BY i.ord, c.step_uuid""";

    private PgStepOutcomes() {
    }

    /** Writes the outcomes (see above); answers what it did to each, in the order given. */
    static List<PgChildRelease.Finished> write(Connection c, String workerId, List<Writing> outcomes, int leaseMarginSeconds)
            throws SQLException {
        ArrayNode steps = Json.MAPPER.createArrayNode();
        for (Writing w : outcomes) {
            StepOutcome outcome = w.outcome();
            ObjectNode step = steps.addObject()
                    .put("step_uuid", w.step().stepUuid().toString())
                    .put("task_uuid", w.step().taskUuid().toString())
                    .put("attempt", w.step().attempt())
                    .put("to_state", StepMove.checked(StepState.IN_PROGRESS, outcome.nextState()))
                    .put("release", w.release())
                    .put("reason", outcome.reason())
                    .put("claim_limit", w.claimLimit());
            if (outcome.retryAt() != null) {
                step.put("ready_at", outcome.retryAt().toString());
            }
            if (outcome.result() != null) {
                step.set("result", outcome.result());
            }
            if (outcome.error() != null) {
                step.set("error", outcome.error());
            }
        }
        try (PreparedStatement ps = c.prepareStatement(WRITE)) {
            ps.setString(1, steps.toString());
            ps.setString(2, workerId);
            ps.setString(3, workerId);
            ps.setString(4, workerId);
            PgChildRelease.bindClaim(ps, 5, workerId, leaseMarginSeconds);
            try (ResultSet rs = ps.executeQuery()) {
                return PgChildRelease.read(rs, outcomes.size());
            }
        }
    }
}
