import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database } from '../store/database.js';

/**
 * The deliveries ledger: exactly one reply per platform delivery, across platform retries, crashes and server
 * instances that share one database (migrations 003 and 004).
 *
 * - `claim(key, channel, payload)` runs before the platform's request is acknowledged. It records the delivery with
 *   what is needed to run it again (`payload`) and makes this instance its owner for `leaseSeconds`. One caller wins;
 *   every other (a retry, the same event on another instance) loses — unless the row is `failed`, or its owner
 *   stopped renewing the lease (it crashed): then the caller takes it over.
 * - While working, the owner renews its leases (`renew`, every few seconds: the heartbeat).
 * - `takeOrphans()` (the periodic sweep and start-up) takes over rows whose lease ran out and that can run again.
 * - `markSending(key, outgoing)` right before the reply is sent: only the current owner may send, and a recovery of
 *   a row that was `sending` gets the reply back (`claim.outgoing`, `claim.sent`) to ask the platform whether it
 *   arrived, instead of answering twice.
 * - A file claim (one file shared both as a message and as file_shared) is a row too, held by the delivery that
 *   claimed it (`heldBy`): it follows the same lease, and the holder can take it back when it is recovered.
 *
 * Claims arriving together are written in one statement, so a burst of acks costs one round trip, not hundreds.
 */
export type DeliveryChannel = 'slack' | 'wecom' | 'wecom-bot';

export interface Claim {
  key: string;
  /** How many times the delivery was claimed (1 = first time). */
  attempts: number;
  /** A send had started in an earlier attempt: ask the platform before sending again. */
  sent: boolean;
  /** The reply recorded by markSending in an earlier attempt. */
  outgoing: unknown;
}

export interface Orphan extends Claim {
  channel: DeliveryChannel;
  payload: unknown;
}

export interface DeliveryLedger {
  /** This instance's owner id (random per process). */
  readonly owner: string;
  readonly leaseSeconds: number;
  /** Record and own the delivery; undefined when another live claimant has it (or it is done). */
  claim(key: string, channel: DeliveryChannel, payload?: unknown): Promise<Claim | undefined>;
  /** Claim a file for the delivery `heldBy`; the holder takes its own file claim back after a crash. */
  claimFile(fileKey: string, channel: DeliveryChannel, heldBy: string): Promise<boolean>;
  /** Renew the leases of these keys; returns the keys this instance still owns. */
  renew(keys: readonly string[]): Promise<string[]>;
  /** Only the owner may send: false when the lease was lost (another instance took over). */
  markSending(key: string, outgoing: unknown): Promise<boolean>;
  /** Done: `key` and the file claims it held. Only the owner marks. */
  finish(key: string, also?: readonly string[]): Promise<void>;
  fail(key: string, errorCode: string, also?: readonly string[]): Promise<void>;
  /**
   * Take over deliveries of these channels whose owner stopped heartbeating (at most `limit`). `anyOwner`: also those
   * whose lease has not run out yet, when their owner is not a ledger of this process — only for an instance that
   * knows its process is the store's one user (embedded PGlite at start-up: an open delivery there belongs either to
   * a process that is gone, or to another server in this process, live or closed, whose lease is left to run out).
   */
  takeOrphans(channels: readonly DeliveryChannel[], limit?: number, options?: { anyOwner?: boolean }): Promise<Orphan[]>;
  /** Delete deliveries older than `olderThanDays`; returns how many. */
  prune(olderThanDays?: number): Promise<number>;
}

export interface LedgerOptions {
  /** Lease length; the heartbeat renews it every third of it. Default 15 s. */
  leaseSeconds?: number;
  /** A delivery recovered this many times without finishing is given up (marked failed). Default 5. */
  maxAttempts?: number;
  /** Deliveries older than this are not recovered any more. Default 24 h. */
  recoverWithinHours?: number;
  owner?: string;
  /**
   * How many requests are on their way to an ack (accepted, not yet answered; the server's count). While more of
   * them than claims are waiting, a claim waits for theirs, at most `gatherMs`, so that a burst is written in a few
   * statements instead of one per event (on PGlite each statement is run on one connection, one at a time).
   */
  arriving?: () => number;
  /** Longest a claim waits for the claims of requests on their way (default 40 ms). */
  gatherMs?: number;
}

const ClaimRow = z.object({
  key: z.string(),
  attempts: z.coerce.number(),
  sent: z.boolean(),
  outgoing: z.unknown().optional(),
});
const OrphanRow = ClaimRow.extend({ channel: z.enum(['slack', 'wecom', 'wecom-bot']), payload: z.unknown() });
const KeyRow = z.object({ key: z.string() });
const CountRow = z.object({ count: z.coerce.number() });

/** Ledger writes go ahead of other users' queries where the store serialises statements (PGlite). */
const URGENT = { urgent: true } as const;
const OPEN = `d.status IN ('processing', 'sending')`;
const EXPIRED = `(d.lease_until IS NULL OR d.lease_until < now())`;
const NOT_FILE = `COALESCE(d.payload ->> 'kind', '') <> 'file-claim'`;

/**
 * Every owner id a ledger of this process has used. A delivery one of them holds was claimed by a server in this
 * process (running, or closed with its turn abandoned to the lease) — never by a process that is gone — so an
 * `anyOwner` take-over leaves it to its lease. Two servers in one process on one PGlite store (a restart in the same
 * process, tests) would otherwise take each other's fresh deliveries.
 */
const processOwners = new Set<string>();

export function createDeliveryLedger(db: Pick<Database, 'query'>, options: LedgerOptions = {}): DeliveryLedger {
  const leaseSeconds = options.leaseSeconds ?? 15;
  const maxAttempts = options.maxAttempts ?? 5;
  const recoverWithinHours = options.recoverWithinHours ?? 24;
  const owner = options.owner ?? randomUUID();
  processOwners.add(owner);

  const arriving = options.arriving;
  const gatherMs = options.gatherMs ?? 40;
  type Waiter = { key: string; channel: DeliveryChannel; payload: string | null; at: number; resolve: (claim: Claim | undefined) => void; reject: (error: unknown) => void };
  let queued: Waiter[] = [];
  let scheduled = false;
  let flushing = false;

  // At most one claim statement in flight: claims that arrive meanwhile wait for it and go together in the next one,
  // so under a burst the claims batch themselves, and a lone claim still goes at once. Requests already accepted but
  // not yet at their claim are waited for (briefly), so the claims of a burst go together even where the store runs
  // each statement on this thread and nothing would otherwise queue behind it.
  const flush = async () => {
    scheduled = false;
    if (flushing) return;
    if (arriving && queued.length > 0 && queued.length < arriving() && Date.now() - queued[0]!.at < gatherMs) {
      scheduled = true;
      setTimeout(() => void flush(), 1);
      return;
    }
    flushing = true;
    const batch = queued;
    queued = [];
    const first = new Map<string, Waiter>();
    for (const waiter of batch) if (!first.has(waiter.key)) first.set(waiter.key, waiter);
    const unique = [...first.values()];
    try {
      const { rows } = await db.query(
        `INSERT INTO deliveries AS d (key, channel, status, owner, lease_until, payload)
         SELECT t.key, t.channel, 'processing', $1, now() + make_interval(secs => $2), t.payload::jsonb
           FROM unnest($3::text[], $4::text[], $5::text[]) AS t(key, channel, payload)
         ON CONFLICT (key) DO UPDATE
           SET status = 'processing', owner = EXCLUDED.owner, lease_until = EXCLUDED.lease_until,
               payload = COALESCE(EXCLUDED.payload, d.payload), attempts = d.attempts + 1, claimed_at = now(),
               finished_at = NULL, error_code = NULL
           WHERE d.status = 'failed'
              OR (${OPEN} AND ${EXPIRED})
              OR (${OPEN} AND d.payload ->> 'heldBy' IS NOT NULL AND d.payload ->> 'heldBy' = EXCLUDED.payload ->> 'heldBy')
         RETURNING d.key, d.attempts, (d.sending_at IS NOT NULL) AS sent, d.outgoing`,
        [owner, leaseSeconds, unique.map((w) => w.key), unique.map((w) => w.channel), unique.map((w) => w.payload)], URGENT,
      );
      const won = new Map<string, Claim>();
      for (const row of rows) {
        const parsed = ClaimRow.safeParse(row);
        if (parsed.success) won.set(parsed.data.key, { ...parsed.data, outgoing: parsed.data.outgoing ?? null });
      }
      for (const waiter of batch) waiter.resolve(first.get(waiter.key) === waiter ? won.get(waiter.key) : undefined);
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    } finally {
      flushing = false;
      if (queued.length > 0 && !scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    }
  };

  const enqueue = (key: string, channel: DeliveryChannel, payload: unknown) =>
    new Promise<Claim | undefined>((resolve, reject) => {
      queued.push({ key, channel, payload: payload === undefined ? null : JSON.stringify(payload), at: Date.now(), resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });

  const keysOf = (key: string, also: readonly string[] = []) => [key, ...also];

  return {
    owner,
    leaseSeconds,
    claim: (key, channel, payload) => enqueue(key, channel, payload),
    async claimFile(fileKey, channel, heldBy) {
      return (await enqueue(fileKey, channel, { kind: 'file-claim', heldBy })) !== undefined;
    },
    async renew(keys) {
      if (keys.length === 0) return [];
      const { rows } = await db.query(
        `UPDATE deliveries AS d SET lease_until = now() + make_interval(secs => $2)
          WHERE d.owner = $1 AND d.key = ANY($3::text[]) AND ${OPEN}
          RETURNING d.key`,
        [owner, leaseSeconds, [...keys]], URGENT,
      );
      return rows.flatMap((row) => KeyRow.safeParse(row).data?.key ?? []);
    },
    async markSending(key, outgoing) {
      const { rows } = await db.query(
        `UPDATE deliveries AS d
            SET status = 'sending', outgoing = $3::jsonb, sending_at = COALESCE(d.sending_at, now()),
                lease_until = now() + make_interval(secs => $4)
          WHERE d.key = $1 AND d.owner = $2 AND ${OPEN}
          RETURNING d.key`,
        [key, owner, JSON.stringify(outgoing ?? null), leaseSeconds], URGENT,
      );
      return rows.length > 0;
    },
    async finish(key, also) {
      await db.query(
        `UPDATE deliveries SET status = 'done', error_code = NULL, finished_at = now(), owner = NULL, lease_until = NULL,
                payload = NULL, outgoing = NULL
          WHERE key = ANY($1::text[]) AND (owner = $2 OR owner IS NULL) AND status <> 'done'`,
        [keysOf(key, also), owner], URGENT,
      );
    },
    async fail(key, errorCode, also) {
      await db.query(
        `UPDATE deliveries SET status = 'failed', error_code = $3, finished_at = now(), owner = NULL, lease_until = NULL, outgoing = NULL
          WHERE key = ANY($1::text[]) AND (owner = $2 OR owner IS NULL) AND status IN ('processing', 'sending')`,
        [keysOf(key, also), owner, errorCode.slice(0, 80)], URGENT,
      );
    },
    async takeOrphans(channels, limit = 20, options = {}) {
      if (channels.length === 0) return [];
      // $6: the owners of this process (this one among them)
      const expired = options.anyOwner ? `(${EXPIRED} OR d.owner IS NULL OR NOT (d.owner = ANY($6::text[])))` : EXPIRED;
      // A delivery that keeps dying with its instance (say, a file that crashes the process) is given up.
      await db.query(
        `UPDATE deliveries AS d SET status = 'failed', error_code = 'attempts-exhausted', finished_at = now(), owner = NULL, lease_until = NULL
          WHERE ${OPEN} AND ${EXPIRED} AND d.attempts >= $1 AND d.payload IS NOT NULL AND ${NOT_FILE} AND d.channel = ANY($2::text[])`,
        [maxAttempts, [...channels]],
      );
      const { rows } = await db.query(
        `UPDATE deliveries AS d
            SET status = 'processing', owner = $1, lease_until = now() + make_interval(secs => $2), attempts = d.attempts + 1
           FROM (SELECT key FROM deliveries AS d
                  WHERE ${OPEN} AND ${expired} AND d.payload IS NOT NULL AND ${NOT_FILE}
                    AND d.claimed_at > now() - make_interval(hours => $4) AND d.channel = ANY($5::text[])
                  ORDER BY d.claimed_at
                  LIMIT $3
                  FOR UPDATE SKIP LOCKED) AS o
          WHERE d.key = o.key AND ${OPEN} AND ${expired}
          RETURNING d.key, d.channel, d.payload, d.attempts, (d.sending_at IS NOT NULL) AS sent, d.outgoing`,
        [owner, leaseSeconds, limit, recoverWithinHours, [...channels], ...(options.anyOwner ? [[...processOwners]] : [])],
      );
      return rows.flatMap((row) => {
        const parsed = OrphanRow.safeParse(row);
        return parsed.success ? [{ ...parsed.data, outgoing: parsed.data.outgoing ?? null }] : [];
      });
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

/**
 * The heartbeat: renews the leases of every delivery this instance is working on, every third of the lease.
 * A key whose lease was lost (the event loop stalled past it and another instance took over) is dropped: the
 * markSending check then keeps this instance from sending a second reply.
 */
export class LeaseKeeper {
  private readonly held = new Map<string, number>(); // key → how many holders
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly ledger: Pick<DeliveryLedger, 'renew' | 'leaseSeconds'>,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    const every = Math.max(200, (this.ledger.leaseSeconds * 1000) / 3);
    this.timer = setInterval(() => void this.beat(), every);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  hold(key: string): void {
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
  }

  release(key: string): void {
    const count = (this.held.get(key) ?? 0) - 1;
    if (count <= 0) this.held.delete(key);
    else this.held.set(key, count);
  }

  get size(): number {
    return this.held.size;
  }

  async beat(): Promise<void> {
    const keys = [...this.held.keys()];
    if (keys.length === 0) return;
    try {
      await this.ledger.renew(keys);
    } catch (error) {
      this.onError(error);
    }
  }
}
