-- A batch worker (process_batch_001) is made from a template step (process_batch): the engine finds its
-- handler, config and dependents by that name. NULL: the step's own name.
ALTER TABLE workflow_steps ADD COLUMN template_step text;
