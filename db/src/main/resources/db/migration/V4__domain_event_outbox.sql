-- Durable domain events: written in the transaction that records the step's outcome, published to NATS
-- JetStream afterwards (at least once; the event_id is the JetStream message id, so duplicates are dropped).
CREATE TABLE domain_event_outbox (
    id            bigserial   PRIMARY KEY,
    event_id      uuid        NOT NULL UNIQUE,
    event_name    text        NOT NULL,
    task_uuid     uuid        NOT NULL,
    step_uuid     uuid        NOT NULL,
    event         jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    published_at  timestamptz,
    attempts      int         NOT NULL DEFAULT 0,
    last_error    text
);
CREATE INDEX domain_event_outbox_unpublished ON domain_event_outbox (id) WHERE published_at IS NULL;
