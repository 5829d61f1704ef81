-- Tasker's TaskRequest carries a correlation id (the request's, or a new one) and the correlation id of the
-- workflow that asked for the task. Tasks created before this migration answer their task_uuid as correlation id.
ALTER TABLE tasks ADD COLUMN correlation_id uuid, ADD COLUMN parent_correlation_id uuid;
CREATE INDEX tasks_by_correlation ON tasks (correlation_id) WHERE correlation_id IS NOT NULL;
