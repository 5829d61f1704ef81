-- Tasker for the JVM: the whole workflow schema.
-- Table names are unqualified: the schema is chosen per installation (tasker.database.schema).
-- Current states are columns (queries never scan history); every change is audited in *_transitions.

-- Templates are immutable rows. Changing a template's definition without changing its version adds
-- a row and moves is_current; tasks keep the row they were created with.
CREATE TABLE task_templates (
    template_uuid    uuid        PRIMARY KEY,
    namespace        text        NOT NULL CHECK (namespace ~ '^[a-z0-9_]{1,63}$'),
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    version          text        NOT NULL CHECK (version ~ '^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'),
    definition       jsonb       NOT NULL,
    definition_hash  text        NOT NULL,
    source_file      text,
    is_current       boolean     NOT NULL DEFAULT true,
    registered_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    UNIQUE (namespace, name, version, definition_hash)
);
CREATE UNIQUE INDEX task_templates_current ON task_templates (namespace, name, version) WHERE is_current;

CREATE TABLE tasks (
    task_uuid        uuid        PRIMARY KEY,
    template_uuid    uuid        NOT NULL REFERENCES task_templates (template_uuid),
    namespace        text        NOT NULL,
    name             text        NOT NULL,
    version          text        NOT NULL,
    context          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    identity_hash    text        NOT NULL UNIQUE,
    idempotency_key  text,
    priority         integer     NOT NULL DEFAULT 0,
    current_state    text        NOT NULL DEFAULT 'pending' CHECK (current_state IN (
        'pending', 'initializing', 'enqueuing_steps', 'steps_in_process', 'evaluating_results',
        'waiting_for_dependencies', 'waiting_for_retry', 'blocked_by_failures',
        'complete', 'error', 'cancelled', 'resolved_manually')),
    initiator        text,
    source_system    text,
    reason           text,
    tags             jsonb       NOT NULL DEFAULT '[]'::jsonb,
    parent_step_uuid uuid,
    created_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
    completed_at     timestamptz
);
CREATE INDEX tasks_listing ON tasks (created_at DESC, task_uuid);
CREATE INDEX tasks_by_namespace_state ON tasks (namespace, current_state, created_at DESC);
CREATE INDEX tasks_by_state ON tasks (current_state, created_at DESC);
CREATE INDEX tasks_by_parent_step ON tasks (parent_step_uuid) WHERE parent_step_uuid IS NOT NULL;

CREATE TABLE workflow_steps (
    step_uuid          uuid        PRIMARY KEY,
    task_uuid          uuid        NOT NULL REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    name               text        NOT NULL,
    -- copied from the task so that the claim query reads one table
    namespace          text        NOT NULL,
    priority           integer     NOT NULL DEFAULT 0,
    step_type          text        NOT NULL DEFAULT 'standard' CHECK (step_type IN (
        'standard', 'decision', 'deferred_convergence', 'batchable', 'batch_worker')),
    handler_callable   text        NOT NULL,
    current_state      text        NOT NULL DEFAULT 'pending' CHECK (current_state IN (
        'pending', 'enqueued', 'in_progress', 'enqueued_for_orchestration',
        'enqueued_as_error_for_orchestration', 'waiting_for_retry',
        'complete', 'error', 'cancelled', 'resolved_manually')),
    attempts           integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts       integer     NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
    retryable          boolean     NOT NULL DEFAULT true,
    backoff            text        NOT NULL DEFAULT 'exponential' CHECK (backoff IN (
        'none', 'linear', 'exponential', 'fibonacci')),
    backoff_base_ms    integer     NOT NULL DEFAULT 1000 CHECK (backoff_base_ms >= 0),
    max_backoff_ms     integer     NOT NULL DEFAULT 30000 CHECK (max_backoff_ms >= 0),
    timeout_seconds    integer     NOT NULL DEFAULT 30 CHECK (timeout_seconds > 0),
    -- parents not yet complete or resolved; the step is ready at 0
    pending_parents    integer     NOT NULL DEFAULT 0 CHECK (pending_parents >= 0),
    -- earliest time of the next attempt (backoff)
    ready_at           timestamptz NOT NULL DEFAULT clock_timestamp(),
    lease_owner        text,
    lease_expires_at   timestamptz,
    inputs             jsonb       NOT NULL DEFAULT '{}'::jsonb,
    result             jsonb,
    error              jsonb,
    checkpoint         jsonb,
    created_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    updated_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
    started_at         timestamptz,
    completed_at       timestamptz,
    UNIQUE (task_uuid, name),
    CHECK ((lease_owner IS NULL) = (lease_expires_at IS NULL))
);
-- the claim: ready steps by namespace, then priority, then age
CREATE INDEX workflow_steps_ready ON workflow_steps (namespace, priority DESC, ready_at)
    WHERE pending_parents = 0 AND current_state IN ('pending', 'waiting_for_retry');
-- leases that may have expired (a dead JVM's steps)
CREATE INDEX workflow_steps_leases ON workflow_steps (lease_expires_at)
    WHERE lease_expires_at IS NOT NULL;
CREATE INDEX workflow_steps_by_task ON workflow_steps (task_uuid);

ALTER TABLE tasks ADD CONSTRAINT tasks_parent_step_fk
    FOREIGN KEY (parent_step_uuid) REFERENCES workflow_steps (step_uuid) ON DELETE SET NULL;

CREATE TABLE workflow_step_edges (
    task_uuid       uuid NOT NULL REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    from_step_uuid  uuid NOT NULL REFERENCES workflow_steps (step_uuid) ON DELETE CASCADE,
    to_step_uuid    uuid NOT NULL REFERENCES workflow_steps (step_uuid) ON DELETE CASCADE,
    PRIMARY KEY (from_step_uuid, to_step_uuid),
    CHECK (from_step_uuid <> to_step_uuid)
);
CREATE INDEX workflow_step_edges_to ON workflow_step_edges (to_step_uuid);
CREATE INDEX workflow_step_edges_task ON workflow_step_edges (task_uuid);

CREATE TABLE task_transitions (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_uuid   uuid        NOT NULL REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    from_state  text,
    to_state    text        NOT NULL,
    worker      text,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX task_transitions_by_task ON task_transitions (task_uuid, id);

CREATE TABLE workflow_step_transitions (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    step_uuid   uuid        NOT NULL REFERENCES workflow_steps (step_uuid) ON DELETE CASCADE,
    task_uuid   uuid        NOT NULL REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    from_state  text,
    to_state    text        NOT NULL,
    attempt     integer     NOT NULL DEFAULT 0,
    worker      text,
    reason      text,
    created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX workflow_step_transitions_by_step ON workflow_step_transitions (step_uuid, id);

-- one row per finished attempt: what the handler returned or raised
CREATE TABLE workflow_step_result_audit (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    step_uuid    uuid        NOT NULL REFERENCES workflow_steps (step_uuid) ON DELETE CASCADE,
    task_uuid    uuid        NOT NULL REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    success      boolean     NOT NULL,
    result       jsonb,
    error        jsonb,
    worker       text,
    started_at   timestamptz,
    finished_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX workflow_step_result_audit_by_step ON workflow_step_result_audit (step_uuid, id);

-- work that could not be processed and needs a person: never silently dropped
CREATE TABLE dead_letters (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_uuid    uuid        REFERENCES tasks (task_uuid) ON DELETE CASCADE,
    step_uuid    uuid        REFERENCES workflow_steps (step_uuid) ON DELETE CASCADE,
    reason       text        NOT NULL,
    payload      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
    resolved_at  timestamptz,
    resolution   text
);
CREATE INDEX dead_letters_open ON dead_letters (created_at) WHERE resolved_at IS NULL;
