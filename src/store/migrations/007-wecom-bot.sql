-- The WeCom 智能机器人 channel (issue 20).
-- Its deliveries are claimed in the same ledger as the other channels, under their own channel name.
ALTER TABLE deliveries DROP CONSTRAINT IF EXISTS deliveries_channel_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_channel_check CHECK (channel IN ('slack', 'wecom', 'wecom-bot'));

-- Each answered turn with its feedback id (the reply's stream id), so that a user's 👍/👎 (WeCom's feedback_event)
-- is stored with the question and answer it is about. `selfeval feedback` lists the answers marked down.
CREATE TABLE chat_feedback (
  feedback_id text PRIMARY KEY,
  channel text NOT NULL,
  thread text NOT NULL,                -- channel-qualified conversation (the Turn's thread)
  user_id text NOT NULL,               -- channel-qualified user who asked
  question text NOT NULL,
  answer text NOT NULL,
  mode text NOT NULL,                  -- 'offline' | 'llm'
  rating text CHECK (rating IN ('up', 'down')),
  reasons jsonb,                       -- WeCom's inaccurate_reason_list (numbers) when marked down
  comment text,                        -- the user's own words with the rating
  answered_at timestamptz NOT NULL DEFAULT now(),
  rated_at timestamptz
);
CREATE INDEX chat_feedback_rating_idx ON chat_feedback (rating, rated_at);

-- The last file a user sent in a conversation. A 智能机器人 file message carries no words, so 「批注」 and 「起草全文」
-- arrive as a separate message and are answered on this file. One row per conversation, replaced by the next file.
CREATE TABLE chat_recent_files (
  thread text PRIMARY KEY,
  name text NOT NULL,
  bytes bytea NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now()
);

-- The callback mode's streams: WeCom asks for the rest of an answer (stream refresh) until it is finished, up to six
-- minutes, and may ask any instance. The latest content of each stream is kept here, so whichever instance gets the
-- refresh answers it, and a stream survives a restart. Rows are pruned after an hour.
CREATE TABLE chat_streams (
  stream_id text PRIMARY KEY,
  delivery_key text NOT NULL,
  content text NOT NULL,
  finished boolean NOT NULL DEFAULT false,
  card jsonb,                          -- the template card shown under the finished answer
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_streams_updated_idx ON chat_streams (updated_at);
