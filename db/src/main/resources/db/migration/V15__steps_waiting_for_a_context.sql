-- The attempt of a step that was claimed and then waited for a guest context: set while it waits (after two seconds
-- of waiting, by its worker), cleared before its handler starts. A lease that expires while it is set belongs to a
-- step that never ran: the step goes back to the queue with that attempt uncounted.
ALTER TABLE workflow_steps ADD COLUMN waiting_attempt integer;
