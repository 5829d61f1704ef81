-- Edges, step transitions and result audit rows already reference their step, which references its task; deleting
-- a task deletes them through the step. Their own foreign key to tasks only cost a row lock on the task row at every
-- insert (several per step: the benchmarks saw these checks among PostgreSQL's costliest statements per step).
-- task_uuid stays on those rows, copied from the step they belong to, for reading a task's history in one scan.
ALTER TABLE workflow_step_edges DROP CONSTRAINT IF EXISTS workflow_step_edges_task_uuid_fkey;
ALTER TABLE workflow_step_transitions DROP CONSTRAINT IF EXISTS workflow_step_transitions_task_uuid_fkey;
ALTER TABLE workflow_step_result_audit DROP CONSTRAINT IF EXISTS workflow_step_result_audit_task_uuid_fkey;
