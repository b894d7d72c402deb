-- Conversation memory of the assistant, per thread (a Slack thread, a WeCom user, a terminal session):
-- the report loaded in the thread (parsed model, which includes its source lines) and the last turns.

CREATE TABLE assistant_threads (
  thread text PRIMARY KEY,
  report_name text,
  report jsonb,                        -- the parsed Report (src/model/report.ts), validated with zod when read
  report_loaded_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE assistant_turns (
  id bigserial PRIMARY KEY,
  thread text NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  text text NOT NULL,
  memo jsonb,                          -- what the answer listed, for follow-ups ("那第二个呢")
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assistant_turns_thread_idx ON assistant_turns (thread, id);
