-- Tasker's dead-letter queue: one investigation per task that needs a person, with the task as it was then.
-- Reasons and statuses are stored as Tasker stores them (snake_case); at most one pending entry per task.
CREATE TABLE tasks_dlq (
    dlq_entry_uuid        uuid        PRIMARY KEY,
    task_uuid             uuid        NOT NULL REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    original_state        text        NOT NULL,
    dlq_reason            text        NOT NULL CHECK (dlq_reason IN ('staleness_timeout', 'max_retries_exceeded',
                                          'dependency_cycle_detected', 'worker_unavailable', 'manual_dlq')),
    dlq_timestamp         timestamptz NOT NULL DEFAULT clock_timestamp(),
    task_snapshot         jsonb       NOT NULL,
    resolution_status     text        NOT NULL DEFAULT 'pending' CHECK (resolution_status IN ('pending',
                                          'manually_resolved', 'permanently_failed', 'cancelled')),
    resolution_timestamp  timestamptz,
    resolution_notes      text,
    resolved_by           text,
    metadata              jsonb,
    created_at            timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at            timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE UNIQUE INDEX tasks_dlq_one_pending_per_task ON tasks_dlq (task_uuid) WHERE resolution_status = 'pending';
CREATE INDEX tasks_dlq_by_task ON tasks_dlq (task_uuid, dlq_timestamp DESC);
CREATE INDEX tasks_dlq_by_status ON tasks_dlq (resolution_status, dlq_timestamp DESC);

-- analytics read windows of finished attempts and finished tasks
CREATE INDEX workflow_step_result_audit_by_time ON workflow_step_result_audit (finished_at);
CREATE INDEX tasks_by_completion ON tasks (completed_at) WHERE completed_at IS NOT NULL;
