import { z } from 'zod';
import type { Database } from '../store/database.js';

/**
 * A chat action waiting for the user's next file in one conversation (e.g. an admin typed 「入库」, then sends the
 * document). Kept in the database so that it works when the next message reaches another server instance.
 */
export interface PendingActions {
  set(conversation: string, user: string, action: 'ingest', ttlSeconds?: number): Promise<void>;
  /** Remove and return the pending action, if one is there and not expired. */
  take(conversation: string, user: string): Promise<'ingest' | undefined>;
}

const ActionRow = z.object({ action: z.literal('ingest') });

export function createPendingActions(db: Pick<Database, 'query'>): PendingActions {
  return {
    async set(conversation, user, action, ttlSeconds = 600) {
      await db.query(
        `INSERT INTO channel_pending_actions (conversation, user_id, action, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(secs => $4))
         ON CONFLICT (conversation, user_id) DO UPDATE SET action = EXCLUDED.action, expires_at = EXCLUDED.expires_at`,
        [conversation, user, action, ttlSeconds],
      );
    },
    async take(conversation, user) {
      const { rows } = await db.query(
        `DELETE FROM channel_pending_actions WHERE conversation = $1 AND user_id = $2 RETURNING action, expires_at > now() AS live`,
        [conversation, user],
      );
      const row = rows[0] as { live?: unknown } | undefined;
      const parsed = ActionRow.safeParse(row);
      return parsed.success && row?.live === true ? parsed.data.action : undefined;
    },
  };
}
