import { z } from 'zod';
import type { Database } from './database.js';

/**
 * Streamed answers of the 智能机器人 callback mode (migration 007, table chat_streams): each stream's latest content,
 * whether it is finished, and the card under it. Shared by every instance on the database, kept across restarts.
 */
export interface StreamRow {
  content: string;
  finished: boolean;
  card: Record<string, unknown> | null;
}

export interface ChatStreams {
  /** Start a stream (a stream that exists already is left as it is: a resent message). */
  open(streamId: string, deliveryKey: string, content: string): Promise<void>;
  /** New content of an unfinished stream. */
  update(streamId: string, content: string): Promise<void>;
  finish(streamId: string, content: string, card: Record<string, unknown> | undefined): Promise<void>;
  get(streamId: string): Promise<StreamRow | undefined>;
  /** Delete streams untouched for `olderThanMinutes` (WeCom stops asking after six). */
  prune(olderThanMinutes?: number): Promise<void>;
}

const Row = z.object({ content: z.string(), finished: z.boolean(), card: z.record(z.string(), z.unknown()).nullable() });

export function createChatStreams(db: Pick<Database, 'query'>): ChatStreams {
  return {
    async open(streamId, deliveryKey, content) {
      await db.query(
        `INSERT INTO chat_streams (stream_id, delivery_key, content) VALUES ($1, $2, $3) ON CONFLICT (stream_id) DO NOTHING`,
        [streamId, deliveryKey, content],
      );
    },
    async update(streamId, content) {
      await db.query(`UPDATE chat_streams SET content = $2, updated_at = now() WHERE stream_id = $1 AND NOT finished`, [streamId, content]);
    },
    async finish(streamId, content, card) {
      await db.query(
        `UPDATE chat_streams SET content = $2, card = $3::jsonb, finished = true, updated_at = now() WHERE stream_id = $1`,
        [streamId, content, card === undefined ? null : JSON.stringify(card)],
      );
    },
    async get(streamId) {
      const { rows } = await db.query(`SELECT content, finished, card FROM chat_streams WHERE stream_id = $1`, [streamId]);
      const parsed = Row.safeParse(rows[0]);
      return parsed.success ? parsed.data : undefined;
    },
    async prune(olderThanMinutes = 60) {
      await db.query(`DELETE FROM chat_streams WHERE updated_at < now() - make_interval(mins => $1)`, [olderThanMinutes]);
    },
  };
}
