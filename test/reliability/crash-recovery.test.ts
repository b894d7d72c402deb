import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createPostgresTestDatabase, createTestDataDir, testDatabaseUrl } from '../helpers/test-database.ts';
import { MOMENTS, runCrashScenario } from './crash-scenario.ts';

/**
 * kill -9 of the real server process at each moment between the ack and the reply, then a restart (PGlite) or the
 * other instance (PostgreSQL, two instances), and the platforms' retries: every acknowledged message must end with
 * exactly one reply (crash-scenario.ts).
 */
/** The order in which the scenario sends its messages. */
const SCENARIO_ORDER = ['download', 'llm', 'sent', 'ack', 'retry'];

function expectExactlyOnce(result: Awaited<ReturnType<typeof runCrashScenario>>) {
  expect(result.counts).toEqual(SCENARIO_ORDER.map((moment) => ({ moment, slack: 1, wecom: 1 })));
  expect(result.realAnswers).toBe(MOMENTS.length); // answers, not error messages
  // The crash after sending was settled by the platforms' idempotency: Slack's thread lookup found the reply,
  // WeCom's duplicate check dropped the identical resend.
  expect(result.slackLookups).toBeGreaterThanOrEqual(1);
  expect(result.wecomDuplicatesDropped).toBeGreaterThanOrEqual(1);
  expect(result.recovered).toBeGreaterThanOrEqual(6);
}

describe('kill -9 at every moment', () => {
  it(`PGlite, one instance restarted: exactly one reply per acknowledged message (${MOMENTS.length} moments × 2 platforms)`, async () => {
    const dataDir = await createTestDataDir();
    try {
      expectExactlyOnce(await runCrashScenario('PGlite', { SELFEVAL_DATA_DIR: dataDir }, 1));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  const url = testDatabaseUrl();
  it.skipIf(!url)(`PostgreSQL, two instances: exactly one reply per acknowledged message (${MOMENTS.length} moments × 2 platforms)`, async () => {
    const test = await createPostgresTestDatabase(url!);
    try {
      expectExactlyOnce(await runCrashScenario('PostgreSQL', { DATABASE_URL: test.config.databaseUrl! }, 2));
    } finally {
      await test.dispose();
    }
  }, 240_000);
});
