-- Chat channels (Slack, WeCom): one row per platform delivery, so that retries and several server instances sharing
-- this database give exactly one reply. A delivery is claimed with INSERT … ON CONFLICT: exactly one claimant wins.
-- key: 'slack:<team>:event:<event_id>', 'slack:<team>:file:<file_id>', 'wecom:<corp>:msg:<MsgId>',
--      'wecom:<corp>:event:<FromUserName>:<CreateTime>:<Event>'.
CREATE TABLE deliveries (
  key text PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('slack', 'wecom')),
  status text NOT NULL CHECK (status IN ('processing', 'done', 'failed')),
  attempts integer NOT NULL DEFAULT 1,
  error_code text,                     -- stable error code of the last failure (never message text or report content)
  claimed_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
CREATE INDEX deliveries_claimed_at_idx ON deliveries (claimed_at);

-- A chat action waiting for the user's next message in one conversation, e.g. an admin typed 「入库」 and the next
-- file they send there goes to the shared knowledge instead of becoming the thread's report.
CREATE TABLE channel_pending_actions (
  conversation text NOT NULL,          -- channel-qualified conversation id (the Turn's thread)
  user_id text NOT NULL,               -- channel-qualified user id
  action text NOT NULL CHECK (action IN ('ingest')),
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (conversation, user_id)
);
