import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliveryLedger } from '../../src/channels/dedupe.ts';
import { WorkTracker } from '../../src/channels/work-tracker.ts';
import type { Database } from '../../src/store/database.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
async function turns(count: number): Promise<void> {
  for (let i = 0; i < count; i++) await turn();
}

describe('WorkTracker: acks first', () => {
  it('starts no queued job while the server is acknowledging, then runs them all once it is quiet', async () => {
    let busy = true;
    const tracker = new WorkTracker({ concurrency: 2, maxDeferMs: 60_000 });
    tracker.yieldTo(() => busy);
    const started: number[] = [];
    for (let i = 0; i < 5; i++) tracker.run(async () => void started.push(i));
    await turns(20);
    expect(started).toEqual([]);
    expect(tracker.queued).toBe(5);
    busy = false;
    tracker.nudge();
    expect(await tracker.drain(5000)).toBe(0);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('holds a running job at pause() until the server is quiet', async () => {
    let busy = false;
    const tracker = new WorkTracker({ maxDeferMs: 60_000 });
    tracker.yieldTo(() => busy);
    const steps: string[] = [];
    let reachedPause!: () => void;
    const atPause = new Promise<void>((resolve) => (reachedPause = resolve));
    tracker.run(async () => {
      steps.push('before');
      busy = true; // a burst of requests arrives while the job is running
      reachedPause();
      await tracker.pause();
      steps.push('after');
    });
    await atPause;
    await turns(20);
    expect(steps).toEqual(['before']);
    busy = false;
    tracker.nudge();
    expect(await tracker.drain(5000)).toBe(0);
    expect(steps).toEqual(['before', 'after']);
  });

  it('under endless acks, starts a job that waited maxDeferMs, one at a time', async () => {
    let clock = 0;
    const tracker = new WorkTracker({ concurrency: 8, maxDeferMs: 1000, now: () => clock });
    tracker.yieldTo(() => true);
    const releases: Array<() => void> = [];
    let started = 0;
    for (let i = 0; i < 3; i++) {
      tracker.run(
        () =>
          new Promise<void>((resolve) => {
            started += 1;
            releases.push(resolve);
          }),
      );
    }
    await turns(10);
    expect(started).toBe(0);
    clock = 1000;
    tracker.nudge();
    await turns(10);
    expect(started).toBe(1); // alone, not eight at once
    releases.shift()!();
    await turns(10);
    expect(started).toBe(2);
    releases.shift()!();
    releases.shift()?.();
    await turns(10);
    releases.shift()?.();
    expect(await tracker.drain(5000)).toBe(0);
    expect(started).toBe(3);
  });
});

describe('deliveries ledger: a burst of claims is gathered into few statements', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.dispose();
  });

  it('waits for the claims of requests already on their way, and each key still has one winner', async () => {
    let statements = 0;
    const counting: Pick<Database, 'query'> = {
      query: (sql, params, options) => {
        if (sql.includes('INSERT INTO deliveries')) statements += 1;
        return test.db.query(sql, params, options);
      },
    };
    let arriving = 20;
    const ledger = createDeliveryLedger(counting, { arriving: () => arriving, gatherMs: 10_000 });
    const claims: Array<Promise<unknown>> = [];
    for (let i = 0; i < 20; i++) {
      claims.push(ledger.claim(`k:gather:${i % 15}`, 'wecom', { kind: 'test', i }));
      await turns(2); // the requests reach their claims one after another, as a burst is parsed
    }
    const won = (await Promise.all(claims)).filter(Boolean);
    expect(won).toHaveLength(15);
    expect(statements).toBe(1);

    // A lone claim with nothing else on its way goes at once.
    arriving = 1;
    statements = 0;
    expect(await ledger.claim('k:gather:alone', 'wecom')).toBeDefined();
    expect(statements).toBe(1);
  });
});
