-- The steps of a task that are running or ready to run. A finishing step asks whether any other is, before counting
-- every step of its task: while one is, the task stays in process, and a wide DAG is not counted once per step.
CREATE INDEX workflow_steps_active_by_task ON workflow_steps (task_uuid)
    WHERE current_state IN ('in_progress', 'enqueued', 'enqueued_for_orchestration', 'enqueued_as_error_for_orchestration')
       OR (current_state = 'pending' AND pending_parents = 0);
