import { z } from 'zod';
import type { Database } from './database.js';

/**
 * The last file sent in each conversation (migration 007, table chat_recent_files): on channels where a file and
 * the words about it are two messages (WeCom's 智能机器人), 「批注」 and 「起草全文」 are answered on this file.
 */
export interface RecentFiles {
  put(thread: string, file: { name: string; bytes: Uint8Array }): Promise<void>;
  /** The conversation's last file if it was sent within `maxAgeHours` (default 24). */
  get(thread: string, maxAgeHours?: number): Promise<{ name: string; bytes: Uint8Array } | undefined>;
}

const FileRow = z.object({ name: z.string(), bytes: z.instanceof(Uint8Array) });

export function createRecentFiles(db: Pick<Database, 'query'>): RecentFiles {
  return {
    async put(thread, file) {
      await db.query(
        `INSERT INTO chat_recent_files (thread, name, bytes) VALUES ($1, $2, $3)
         ON CONFLICT (thread) DO UPDATE SET name = EXCLUDED.name, bytes = EXCLUDED.bytes, stored_at = now()`,
        [thread, file.name, Buffer.from(file.bytes)],
      );
    },
    async get(thread, maxAgeHours = 24) {
      const { rows } = await db.query(
        `SELECT name, bytes FROM chat_recent_files WHERE thread = $1 AND stored_at > now() - make_interval(hours => $2)`,
        [thread, maxAgeHours],
      );
      const parsed = FileRow.safeParse(rows[0]);
      return parsed.success ? { name: parsed.data.name, bytes: new Uint8Array(parsed.data.bytes) } : undefined;
    },
  };
}
