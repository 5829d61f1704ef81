-- Tasker's templates write `max_attempts: 0` for a step that never retries (its first attempt always runs).
ALTER TABLE workflow_steps
    DROP CONSTRAINT workflow_steps_valid,
    ADD CONSTRAINT workflow_steps_valid CHECK (
        current_state = ANY ('{pending,enqueued,in_progress,enqueued_for_orchestration,enqueued_as_error_for_orchestration,waiting_for_retry,complete,error,cancelled,resolved_manually}'::text[])
        AND step_type = ANY ('{standard,decision,deferred_convergence,batchable,batch_worker}'::text[])
        AND backoff = ANY ('{none,linear,exponential,fibonacci}'::text[])
        AND attempts >= 0 AND max_attempts >= 0 AND backoff_base_ms >= 0 AND max_backoff_ms >= 0
        AND timeout_seconds > 0 AND pending_parents >= 0
        AND (lease_owner IS NULL) = (lease_expires_at IS NULL)) NOT VALID;
ALTER TABLE workflow_steps VALIDATE CONSTRAINT workflow_steps_valid;
