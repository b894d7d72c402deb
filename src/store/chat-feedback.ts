import { z } from 'zod';
import type { Database } from './database.js';

/**
 * Answers with their feedback id (migration 007, table chat_feedback), and the ratings users give them. A channel
 * records each answered turn (`recordAnswer`); the platform's 👍/👎 event then rates it (`rate`). `markedDown` is
 * the `selfeval feedback` report: the answers users marked down, newest first.
 */
export interface AnsweredTurn {
  feedbackId: string;
  channel: string;
  thread: string;
  user: string;
  question: string;
  answer: string;
  mode: 'offline' | 'llm';
}

export interface FeedbackRow extends AnsweredTurn {
  rating: 'up' | 'down' | null;
  reasons: number[];
  comment: string | null;
  answeredAt: Date;
  ratedAt: Date | null;
}

export interface FeedbackStore {
  recordAnswer(turn: AnsweredTurn): Promise<void>;
  /** Rate an answer (null clears a rating: the user took it back). False when the id is unknown. */
  rate(feedbackId: string, rating: 'up' | 'down' | null, details?: { reasons?: number[]; comment?: string }): Promise<boolean>;
  get(feedbackId: string): Promise<FeedbackRow | undefined>;
  markedDown(limit?: number): Promise<FeedbackRow[]>;
}

const Row = z.object({
  feedback_id: z.string(),
  channel: z.string(),
  thread: z.string(),
  user_id: z.string(),
  question: z.string(),
  answer: z.string(),
  mode: z.enum(['offline', 'llm']),
  rating: z.enum(['up', 'down']).nullable(),
  reasons: z.array(z.number()).nullable(),
  comment: z.string().nullable(),
  answered_at: z.coerce.date(),
  rated_at: z.coerce.date().nullable(),
});

const COLUMNS = 'feedback_id, channel, thread, user_id, question, answer, mode, rating, reasons, comment, answered_at, rated_at';

function toRow(raw: unknown): FeedbackRow[] {
  const parsed = Row.safeParse(raw);
  if (!parsed.success) return [];
  const r = parsed.data;
  return [{
    feedbackId: r.feedback_id,
    channel: r.channel,
    thread: r.thread,
    user: r.user_id,
    question: r.question,
    answer: r.answer,
    mode: r.mode,
    rating: r.rating,
    reasons: r.reasons ?? [],
    comment: r.comment,
    answeredAt: r.answered_at,
    ratedAt: r.rated_at,
  }];
}

export function createFeedbackStore(db: Pick<Database, 'query'>): FeedbackStore {
  return {
    async recordAnswer(turn) {
      await db.query(
        `INSERT INTO chat_feedback (feedback_id, channel, thread, user_id, question, answer, mode)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (feedback_id) DO UPDATE SET answer = EXCLUDED.answer, mode = EXCLUDED.mode`,
        [turn.feedbackId, turn.channel, turn.thread, turn.user, turn.question.slice(0, 4000), turn.answer.slice(0, 20_000), turn.mode],
      );
    },
    async rate(feedbackId, rating, details = {}) {
      const { rows } = await db.query(
        `UPDATE chat_feedback SET rating = $2, reasons = $3::jsonb, comment = $4, rated_at = now()
          WHERE feedback_id = $1 RETURNING feedback_id`,
        [feedbackId, rating, JSON.stringify(details.reasons ?? []), details.comment?.slice(0, 2000) ?? null],
      );
      return rows.length > 0;
    },
    async get(feedbackId) {
      const { rows } = await db.query(`SELECT ${COLUMNS} FROM chat_feedback WHERE feedback_id = $1`, [feedbackId]);
      return rows.flatMap(toRow)[0];
    },
    async markedDown(limit = 100) {
      const { rows } = await db.query(
        `SELECT ${COLUMNS} FROM chat_feedback WHERE rating = 'down' ORDER BY rated_at DESC LIMIT $1`,
        [limit],
      );
      return rows.flatMap(toRow);
    },
  };
}
