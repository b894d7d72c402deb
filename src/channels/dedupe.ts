import { z } from 'zod';
import type { Database } from '../store/database.js';

/**
 * Exactly-once delivery across platform retries and across server instances that share one database.
 *
 * `claim(key)` inserts the delivery with INSERT … ON CONFLICT: one caller wins, every other (a retry, the same event
 * on another instance) loses. A delivery whose turn failed is marked `failed`; a later redelivery of the same event
 * may claim it again (the policy: the user is told at once, and a platform retry re-runs the work). A claim left
 * `processing` by an instance that died is taken over after `staleAfterSeconds`.
 */
export interface DeliveryLedger {
  claim(key: string, channel: 'slack' | 'wecom'): Promise<boolean>;
  finish(key: string): Promise<void>;
  fail(key: string, errorCode: string): Promise<void>;
  /** Delete deliveries older than `olderThanDays`; returns how many. */
  prune(olderThanDays?: number): Promise<number>;
}

const ClaimRow = z.object({ key: z.string() });
const CountRow = z.object({ count: z.coerce.number() });

export function createDeliveryLedger(db: Pick<Database, 'query'>, options: { staleAfterSeconds?: number } = {}): DeliveryLedger {
  const staleAfterSeconds = options.staleAfterSeconds ?? 600;
  return {
    async claim(key, channel) {
      const { rows } = await db.query(
        `INSERT INTO deliveries (key, channel, status) VALUES ($1, $2, 'processing')
         ON CONFLICT (key) DO UPDATE
           SET status = 'processing', attempts = deliveries.attempts + 1, claimed_at = now(), finished_at = NULL
           WHERE deliveries.status = 'failed'
              OR (deliveries.status = 'processing' AND deliveries.claimed_at < now() - make_interval(secs => $3))
         RETURNING key`,
        [key, channel, staleAfterSeconds],
      );
      return rows.some((row) => ClaimRow.safeParse(row).success);
    },
    async finish(key) {
      await db.query(`UPDATE deliveries SET status = 'done', error_code = NULL, finished_at = now() WHERE key = $1`, [key]);
    },
    async fail(key, errorCode) {
      await db.query(`UPDATE deliveries SET status = 'failed', error_code = $2, finished_at = now() WHERE key = $1`, [
        key,
        errorCode.slice(0, 80),
      ]);
    },
    async prune(olderThanDays = 7) {
      const { rows } = await db.query(
        `WITH gone AS (DELETE FROM deliveries WHERE claimed_at < now() - make_interval(days => $1) RETURNING 1)
         SELECT count(*) AS count FROM gone`,
        [olderThanDays],
      );
      const parsed = CountRow.safeParse(rows[0]);
      return parsed.success ? parsed.data.count : 0;
    },
  };
}
