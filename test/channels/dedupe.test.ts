import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryLedger } from '../../src/channels/dedupe.ts';
import { createPendingActions } from '../../src/channels/pending-actions.ts';
import type { Database } from '../../src/store/database.ts';
import { createPostgresDatabase } from '../../src/store/postgres-database.ts';
import { createPostgresTestDatabase, createTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database.ts';

function ledgerContract(name: string, open: () => Promise<{ a: Database; b: Database; dispose: () => Promise<void> }>) {
  describe(`deliveries ledger on ${name}`, () => {
    let a: Database;
    let b: Database;
    let dispose: () => Promise<void>;

    beforeAll(async () => {
      ({ a, b, dispose } = await open());
    });
    afterAll(async () => {
      await dispose?.();
    });

    it('lets exactly one of 50 concurrent claimants (two database handles) win each key', async () => {
      const one = createDeliveryLedger(a);
      const two = createDeliveryLedger(b);
      for (const key of ['slack:T1:event:Ev1', 'wecom:ww1:msg:123']) {
        const claims = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? one : two).claim(key, key.startsWith('slack') ? 'slack' : 'wecom')));
        expect(claims.filter(Boolean)).toHaveLength(1);
      }
    });

    it('writes a burst of claims in one statement, each key to exactly one claimant', async () => {
      const ledger = createDeliveryLedger(a);
      const keys = Array.from({ length: 200 }, (_, i) => `k:burst:${i % 150}`);
      const claims = await Promise.all(keys.map((key) => ledger.claim(key, 'slack', { kind: 'test', key })));
      expect(claims.filter(Boolean)).toHaveLength(150);
      const { rows } = await a.query<{ count: number }>("SELECT count(*)::int AS count FROM deliveries WHERE key LIKE 'k:burst:%' AND payload IS NOT NULL");
      expect(rows[0]!.count).toBe(150);
    });

    it('never hands out a finished delivery again; a failed one is claimable once more', async () => {
      const ledger = createDeliveryLedger(a);
      expect(await ledger.claim('k:done', 'slack')).toBeDefined();
      await ledger.finish('k:done');
      expect(await ledger.claim('k:done', 'slack')).toBeUndefined();

      expect(await ledger.claim('k:failed', 'wecom')).toBeDefined();
      await ledger.fail('k:failed', 'llm-unavailable');
      const again = await Promise.all([ledger.claim('k:failed', 'wecom'), createDeliveryLedger(b).claim('k:failed', 'wecom')]);
      expect(again.filter(Boolean)).toHaveLength(1);
      const { rows } = await a.query<{ status: string; attempts: number }>("SELECT status, attempts FROM deliveries WHERE key = 'k:failed'");
      expect(rows).toEqual([{ status: 'processing', attempts: 2 }]);
    });

    it('takes over a delivery only when its owner stopped renewing the lease', async () => {
      const dead = createDeliveryLedger(a, { leaseSeconds: 1 });
      const alive = createDeliveryLedger(b, { leaseSeconds: 1 });
      expect(await dead.claim('k:lease', 'slack', { kind: 'slack-message' })).toBeDefined();
      expect(await alive.claim('k:lease', 'slack')).toBeUndefined(); // the owner's lease is live
      expect(await alive.takeOrphans(['slack'])).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const [orphan, ...rest] = await alive.takeOrphans(['slack', 'wecom']);
      expect(rest).toEqual([]);
      expect(orphan).toMatchObject({ key: 'k:lease', channel: 'slack', payload: { kind: 'slack-message' }, attempts: 2, sent: false });
      expect(await dead.claim('k:lease', 'slack')).toBeUndefined(); // the new owner holds it
      expect(await dead.markSending('k:lease', { kind: 'notice', text: 'x' })).toBe(false); // the old owner may not send
      expect(await alive.markSending('k:lease', { kind: 'notice', text: '答复' })).toBe(true);
      // The new owner dies while sending: whoever takes over learns a send had started, and what it was.
      await new Promise((resolve) => setTimeout(resolve, 1200));
      const retry = await dead.claim('k:lease', 'slack');
      expect(retry).toMatchObject({ sent: true, outgoing: { kind: 'notice', text: '答复' }, attempts: 3 });
      await dead.finish('k:lease');
      expect(await alive.takeOrphans(['slack'])).toEqual([]);
    });

    it('lets a restarted sole user of the store take unfinished deliveries before their leases run out (anyOwner), not its own nor a delivery another live server of this process holds', async () => {
      const gone = createDeliveryLedger(a, { leaseSeconds: 60 });
      const neighbour = createDeliveryLedger(a, { leaseSeconds: 60 }); // another server of this process (a restart in-process, tests)
      const restarted = createDeliveryLedger(b, { leaseSeconds: 60 });
      expect(await gone.claim('k:restart', 'wecom', { kind: 'wecom-message' })).toBeDefined();
      // The row as a process that has exited left it: its owner id is no ledger's of this process.
      await a.query("UPDATE deliveries SET owner = 'owner-of-an-exited-process' WHERE key = 'k:restart'");
      expect(await neighbour.claim('k:neighbour', 'wecom', { kind: 'wecom-message' })).toBeDefined();
      expect(await restarted.claim('k:mine', 'wecom', { kind: 'wecom-message' })).toBeDefined();
      expect(await restarted.takeOrphans(['wecom'])).toEqual([]); // the lease is a minute away
      const taken = await restarted.takeOrphans(['wecom'], 20, { anyOwner: true });
      expect(taken.map((o) => o.key)).toEqual(['k:restart']); // its own and the neighbour's live deliveries stay as they are
      expect(await neighbour.markSending('k:neighbour', { kind: 'notice', text: 'x' })).toBe(true);
      await restarted.finish('k:restart');
      await restarted.finish('k:mine');
      await neighbour.finish('k:neighbour');
    });

    it('keeps a lease alive while the owner renews it', async () => {
      const owner = createDeliveryLedger(a, { leaseSeconds: 1 });
      const other = createDeliveryLedger(b, { leaseSeconds: 1 });
      await owner.claim('k:renewed', 'wecom', { kind: 'wecom-message' });
      for (let i = 0; i < 4; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 400));
        expect(await owner.renew(['k:renewed'])).toEqual(['k:renewed']);
      }
      expect(await other.takeOrphans(['wecom'])).toEqual([]);
      expect(await other.renew(['k:renewed'])).toEqual([]); // not the owner
    });

    it('lets the holder of a file claim take it back after a crash, nobody else while it is live', async () => {
      const first = createDeliveryLedger(a, { leaseSeconds: 30 });
      const second = createDeliveryLedger(b, { leaseSeconds: 30 });
      expect(await first.claimFile('k:file:F1', 'slack', 'k:event:E1')).toBe(true);
      expect(await second.claimFile('k:file:F1', 'slack', 'k:event:E2')).toBe(false);
      expect(await second.claimFile('k:file:F1', 'slack', 'k:event:E1')).toBe(true); // E1 recovered on another instance
      expect(await second.takeOrphans(['slack'])).toEqual([]); // file claims are not deliveries of their own
    });

    it('gives up a delivery that was recovered too many times', async () => {
      const ledger = createDeliveryLedger(a, { leaseSeconds: 1, maxAttempts: 2 });
      await ledger.claim('k:poison', 'wecom', { kind: 'wecom-message' });
      await a.query("UPDATE deliveries SET lease_until = now() - interval '1 second' WHERE key = 'k:poison'");
      expect((await ledger.takeOrphans(['wecom'])).map((o) => o.key)).toContain('k:poison');
      await a.query("UPDATE deliveries SET lease_until = now() - interval '1 second' WHERE key = 'k:poison'");
      expect((await ledger.takeOrphans(['wecom'])).map((o) => o.key)).not.toContain('k:poison');
      const { rows } = await a.query<{ status: string; error_code: string }>("SELECT status, error_code FROM deliveries WHERE key = 'k:poison'");
      expect(rows).toEqual([{ status: 'failed', error_code: 'attempts-exhausted' }]);
    });

    it('prunes deliveries older than a week', async () => {
      const ledger = createDeliveryLedger(a);
      await ledger.claim('k:old', 'slack');
      await a.query("UPDATE deliveries SET claimed_at = now() - interval '8 days' WHERE key = 'k:old'");
      expect(await ledger.prune()).toBe(1);
      expect(await ledger.claim('k:old', 'slack')).toBeDefined();
    });

    it('keeps a pending admin action for the next file, once, until it expires', async () => {
      const pending = createPendingActions(a);
      await pending.set('slack:T1:D1', 'slack:T1:UADMIN', 'ingest');
      expect(await createPendingActions(b).take('slack:T1:D1', 'slack:T1:UOTHER')).toBeUndefined();
      expect(await createPendingActions(b).take('slack:T1:D1', 'slack:T1:UADMIN')).toBe('ingest');
      expect(await pending.take('slack:T1:D1', 'slack:T1:UADMIN')).toBeUndefined();
      await pending.set('slack:T1:D1', 'slack:T1:UADMIN', 'ingest', 0.001);
      await a.query("UPDATE channel_pending_actions SET expires_at = now() - interval '1 second'");
      expect(await pending.take('slack:T1:D1', 'slack:T1:UADMIN')).toBeUndefined();
    });
  });
}

ledgerContract('PGlite (two servers in one process share the instance)', async () => {
  const test: TestDatabase = await createTestDatabase();
  return { a: test.db, b: test.db, dispose: () => test.dispose() };
});

const url = testDatabaseUrl();
if (url) {
  ledgerContract('PostgreSQL (two connection pools, as two processes would have)', async () => {
    const test = await createPostgresTestDatabase(url);
    const second = await createPostgresDatabase(test.config.databaseUrl!);
    return {
      a: test.db,
      b: second,
      dispose: async () => {
        await second.close();
        await test.dispose();
      },
    };
  });
} else {
  describe.skip('deliveries ledger on PostgreSQL (TEST_DATABASE_URL is not set)', () => {
    it('needs TEST_DATABASE_URL', () => undefined);
  });
}
