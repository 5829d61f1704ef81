-- UNIQUE (task_uuid, name) already serves lookups by task; a second index on task_uuid only cost
-- an index update on every step state change.
DROP INDEX IF EXISTS workflow_steps_by_task;
