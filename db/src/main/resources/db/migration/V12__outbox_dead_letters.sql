-- The outbox relay publishes outside a transaction: an event is taken for a while (claimed_until), published,
-- then marked. An event that keeps failing by its own fault waits longer each time (next_attempt_at) and after
-- some attempts is set aside as a dead letter (dead_at), so that it never holds back the events after it.
ALTER TABLE domain_event_outbox
    ADD COLUMN claimed_until   timestamptz,
    ADD COLUMN next_attempt_at timestamptz,
    ADD COLUMN dead_at         timestamptz;
DROP INDEX domain_event_outbox_unpublished;
CREATE INDEX domain_event_outbox_unpublished ON domain_event_outbox (id) WHERE published_at IS NULL AND dead_at IS NULL;
