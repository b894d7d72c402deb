import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from '../../src/store/postgres-database.ts';
import type { Database } from '../../src/store/database.ts';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { createPostgresTestDatabase, testDatabaseUrl, type TestDatabase } from '../helpers/test-database.ts';
import { callbackRequest, postWecom, randomEncodingAesKey, textMessageXml } from '../helpers/wecom-callback.ts';
import { RecordingAssistant } from './recording-assistant.ts';
import { outcomes, SLACK_SECRET, slackEnv, startChannelServer, wecomEnv, type RunningServer } from './channel-harness.ts';

const url = testDatabaseUrl();

/** Two server instances, each with its own PostgreSQL pool (as two processes behind a load balancer would have). */
describe.skipIf(!url)('two instances on one PostgreSQL database', () => {
  const slackApi = new FakeSlackApi();
  const app = { token: 'pgToken', corpId: 'wwpostgres0000001', encodingAesKey: randomEncodingAesKey() };
  const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
  let test: TestDatabase;
  let secondPool: Database;
  let one: RunningServer;
  let two: RunningServer;

  beforeAll(async () => {
    await Promise.all([slackApi.start(), wecomApi.start()]);
    test = await createPostgresTestDatabase(url!);
    secondPool = await createPostgresDatabase(test.config.databaseUrl!);
    const env = { ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url) };
    one = await startChannelServer({ db: test.db, assistant: new RecordingAssistant(), env });
    two = await startChannelServer({ db: secondPool, assistant: new RecordingAssistant(), env });
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await secondPool?.close();
    await test?.dispose();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
  });

  it('gives exactly 20 Slack replies and 20 WeCom replies for 20 events × 5 deliveries each, spread over both', async () => {
    const posts: Promise<Response>[] = [];
    for (let i = 0; i < 20; i += 1) {
      const slackBody = slackEventBody({ eventId: `EvPG${i}`, event: { type: 'app_mention', user: 'U1', text: `<@UBOT> 问题${i}`, ts: `1700000000.${i}`, channel: 'C1' } });
      const wecomXml = textMessageXml({ corpId: app.corpId, user: `u${i}`, content: `问题${i}`, msgId: String(8100000000000000000n + BigInt(i)) });
      for (let delivery = 0; delivery < 5; delivery += 1) {
        const server = delivery % 2 === 0 ? one : two;
        posts.push(postSlack(`${server.url}/slack/events`, slackBody, { secret: SLACK_SECRET, retryNum: delivery }));
        posts.push(postWecom(server.url, callbackRequest(app, wecomXml)));
      }
    }
    expect((await Promise.all(posts)).every((r) => r.status === 200)).toBe(true);
    await slackApi.waitFor(() => outcomes([one, two]) === 200, 'all 200 deliveries to settle', 30_000);
    expect(slackApi.messages).toHaveLength(20);
    expect(wecomApi.sent).toHaveLength(20);
  });
});
