-- Durable chat turns (issue 12). A delivery row is written before the platform's request is acknowledged and carries
-- what is needed to run the turn again (payload: platform ids, the user's words, file ids; never file bytes or
-- secrets). The instance working on it is its owner and renews lease_until every few seconds (heartbeat); a row whose
-- lease ran out belongs to nobody and is taken over by the next instance that sees it (its periodic sweep, its
-- start-up, or the platform's retry). status 'sending' is set right before the reply is sent, with the reply itself
-- (outgoing), so that a recovery can ask the platform whether it arrived instead of answering twice.
ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_status_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_status_check CHECK (status IN ('processing', 'sending', 'done', 'failed'));
ALTER TABLE deliveries ADD COLUMN owner text;           -- instance id of the current owner (random per process)
ALTER TABLE deliveries ADD COLUMN lease_until timestamptz; -- the owner's lease; NULL or past: nobody owns it
ALTER TABLE deliveries ADD COLUMN payload jsonb;        -- what the turn needs to run again; cleared when done
ALTER TABLE deliveries ADD COLUMN outgoing jsonb;       -- the reply being sent (status 'sending'); cleared when done
ALTER TABLE deliveries ADD COLUMN sending_at timestamptz; -- first time a send started (kept across take-overs)
CREATE INDEX deliveries_open_idx ON deliveries (lease_until) WHERE status IN ('processing', 'sending');
