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

    it('never hands out a finished delivery again; a failed one is claimable once more', async () => {
      const ledger = createDeliveryLedger(a);
      expect(await ledger.claim('k:done', 'slack')).toBe(true);
      await ledger.finish('k:done');
      expect(await ledger.claim('k:done', 'slack')).toBe(false);

      expect(await ledger.claim('k:failed', 'wecom')).toBe(true);
      await ledger.fail('k:failed', 'llm-unavailable');
      const again = await Promise.all([ledger.claim('k:failed', 'wecom'), createDeliveryLedger(b).claim('k:failed', 'wecom')]);
      expect(again.filter(Boolean)).toHaveLength(1);
      const { rows } = await a.query<{ status: string; attempts: number }>("SELECT status, attempts FROM deliveries WHERE key = 'k:failed'");
      expect(rows).toEqual([{ status: 'processing', attempts: 2 }]);
    });

    it('takes over a claim left processing by a dead instance only after it is stale', async () => {
      expect(await createDeliveryLedger(a).claim('k:stale', 'slack')).toBe(true);
      expect(await createDeliveryLedger(b, { staleAfterSeconds: 600 }).claim('k:stale', 'slack')).toBe(false);
      await a.query("UPDATE deliveries SET claimed_at = now() - interval '11 minutes' WHERE key = 'k:stale'");
      expect(await createDeliveryLedger(b, { staleAfterSeconds: 600 }).claim('k:stale', 'slack')).toBe(true);
    });

    it('prunes deliveries older than a week', async () => {
      const ledger = createDeliveryLedger(a);
      await ledger.claim('k:old', 'slack');
      await a.query("UPDATE deliveries SET claimed_at = now() - interval '8 days' WHERE key = 'k:old'");
      expect(await ledger.prune()).toBe(1);
      expect(await ledger.claim('k:old', 'slack')).toBe(true);
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
