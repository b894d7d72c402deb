import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { createPostgresTestDatabase, createTestDataDir, testDatabaseUrl } from '../helpers/test-database.ts';
import { MOMENTS, runCrashScenario } from './crash-scenario.ts';
import { callbackRequest, fileMessageXml, postWecom, randomEncodingAesKey, textMessageXml } from '../helpers/wecom-callback.ts';
import { SLACK_SECRET, slackEnv, wecomEnv } from '../channels/channel-harness.ts';
import { FakeLlm } from './fake-llm.ts';
import { bombDocx, hugeXlsx } from './hostile-zip.ts';
import { startProbe, type ProbeProcess } from './probe-process.ts';

/**
 * The reliability suite, in one file so that its heavy probes run one after another (timings are part of what it
 * checks). Hostile files and hostile requests against the real server process: decompression bombs while other users keep
 * writing, a file whose size Slack misreports, stale and future-dated requests, prototype-named ids.
 */
const app = { token: 'hostileToken', corpId: 'wwhostile00000001', encodingAesKey: randomEncodingAesKey() };

describe('hostile files and requests against the real server process', () => {
  const slackApi = new FakeSlackApi();
  const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
  const llm = new FakeLlm();
  let dataDir: string;
  let scopesDir: string;
  let probe: ProbeProcess;

  beforeAll(async () => {
    await Promise.all([slackApi.start(), wecomApi.start(), llm.start()]);
    dataDir = await createTestDataDir();
    scopesDir = mkdtempSync(join(tmpdir(), 'selfeval-hostile-scopes-'));
    const scopesFile = join(scopesDir, 'scopes.json');
    // Departments mapped: every WeCom turn looks the user up, by user id, in maps keyed by ids.
    writeFileSync(scopesFile, JSON.stringify({ wecom: { [app.corpId]: { default: 'hostile-default', departments: { '2': 'hostile-dept' }, users: { lisi: 'hostile-lisi' } } } }));
    const env = { ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url), PROBE_LLM_URL: llm.url, SELFEVAL_DATA_DIR: dataDir, SCOPES_FILE: scopesFile };
    probe = await startProbe(env, { lease: 5, parseTimeoutMs: 10_000 });
  }, 120_000);
  afterAll(async () => {
    await probe?.stop();
    await Promise.all([slackApi.stop(), wecomApi.stop(), llm.stop()]);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (scopesDir) rmSync(scopesDir, { recursive: true, force: true });
  });

  it('stays up through a 200 MB-expanding docx and a 300k-row xlsx: 50 other events acked within 1 s and answered, RSS < 1.5 GB, the uploaders told why in Chinese', async () => {
    const [docx, xlsx] = await Promise.all([bombDocx(200), hugeXlsx(300_000)]);
    slackApi.addFile({ id: 'FBOMB', name: '自评报告.docx', bytes: docx, channel: 'CBOMB', ts: '1720000000.000001' });
    wecomApi.addMedia('MBOMB', '评分表.xlsx', xlsx);
    const bombAcks = await Promise.all([
      postSlack(
        `${probe.url}/slack/events`,
        slackEventBody({ eventId: 'EvBomb', event: { type: 'app_mention', user: 'UBOMB', text: '<@UBOT>', ts: '1720000000.000001', channel: 'CBOMB', files: [{ id: 'FBOMB' }] } }),
        { secret: SLACK_SECRET },
      ),
      postWecom(probe.url, callbackRequest(app, fileMessageXml({ corpId: app.corpId, user: 'bomb_uploader', mediaId: 'MBOMB', fileName: '评分表.xlsx', msgId: '9200000000000000001' }))),
    ]);
    expect(bombAcks.map((r) => r.status)).toEqual([200, 200]);
    await slackApi.waitFor(() => slackApi.downloads.includes('FBOMB'), 'the bomb being fetched', 10_000);

    // 50 other users while the bombs are parsed: one every 80 ms, each ack timed.
    const acks: number[] = [];
    const others: Promise<void>[] = [];
    for (let i = 0; i < 50; i += 1) {
      const started = Date.now();
      const request =
        i % 2 === 0
          ? postSlack(
              `${probe.url}/slack/events`,
              slackEventBody({ eventId: `EvOther${i}`, event: { type: 'app_mention', user: `UO${i}`, text: `<@UBOT> 其他问题 ${i}`, ts: `1720000100.${String(i).padStart(6, '0')}`, channel: 'COTHER' } }),
              { secret: SLACK_SECRET },
            )
          : postWecom(probe.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user: `other_${i}`, content: `其他问题 ${i}`, msgId: String(9200000000000000100n + BigInt(i)) })));
      others.push(
        request.then((response) => {
          expect(response.status).toBe(200);
          acks.push(Date.now() - started);
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    await Promise.all(others);
    const answeredOthers = () =>
      slackApi.messages.filter((m) => m.channel === 'COTHER').length + wecomApi.sent.filter((m) => m.touser.startsWith('other_')).length;
    await slackApi.waitFor(() => answeredOthers() === 50, 'the 50 other users answered', 30_000);
    const bombReplies = () => [
      slackApi.messages.find((m) => m.channel === 'CBOMB')?.text,
      wecomApi.sent.find((m) => m.touser === 'bomb_uploader')?.content,
    ];
    await slackApi.waitFor(() => bombReplies().every((text) => text !== undefined), 'both uploaders told', 40_000);

    console.info(`acks: ${JSON.stringify([...acks].sort((a, b) => a - b))}`);
    expect(Math.max(...acks)).toBeLessThan(1000);
    expect(probe.alive()).toBe(true);
    expect((await fetch(`${probe.url}/healthz`)).status).toBe(200);
    expect(probe.peakRssMb()).toBeLessThan(1536);
    for (const text of bombReplies()) {
      expect(text).toMatch(/没能加载“(自评报告\.docx|评分表\.xlsx)”：\p{Script=Han}/u);
      expect(text).not.toContain('抱歉，处理时出错了');
    }
    expect(slackApi.messages.filter((m) => m.channel === 'CBOMB')).toHaveLength(1);
    expect(wecomApi.sent.filter((m) => m.touser === 'bomb_uploader')).toHaveLength(1);
    console.info(`炸弹文件期间：50 条其他消息，最大 ack ${Math.max(...acks)} ms，峰值 RSS ${Math.round(probe.peakRssMb())} MB`);
  }, 180_000);

  it('stops a download at the cap when files.info says 0 bytes and no Content-Length is sent (60 MB)', async () => {
    const chunk = new Uint8Array(1024 * 1024).fill(65);
    slackApi.addFile({
      id: 'FLIAR',
      name: '报告.txt',
      bytes: new Uint8Array(0),
      claimedSize: 0,
      channel: 'CLIAR',
      ts: '1720000200.000001',
      stream: async function* () {
        for (let i = 0; i < 60; i += 1) yield chunk;
      },
    });
    const before = probe.peakRssMb();
    const ack = await postSlack(
      `${probe.url}/slack/events`,
      slackEventBody({ eventId: 'EvLiar', event: { type: 'app_mention', user: 'ULIAR', text: '<@UBOT>', ts: '1720000200.000001', channel: 'CLIAR', files: [{ id: 'FLIAR' }] } }),
      { secret: SLACK_SECRET },
    );
    expect(ack.status).toBe(200);
    await slackApi.waitFor(() => slackApi.messages.some((m) => m.channel === 'CLIAR'), 'the answer to the oversized file', 30_000);
    expect(slackApi.messages.find((m) => m.channel === 'CLIAR')!.text).toBe('抱歉，文件太大（超过 20 MB），无法处理。');
    expect(probe.peakRssMb() - before).toBeLessThan(200);
  }, 60_000);

  it('refuses stale and future-dated WeCom callbacks (403, before decrypting) and future-dated Slack requests (401), answering none', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sentBefore = wecomApi.sent.length;
    const messagesBefore = slackApi.messages.length;
    for (const [i, timestamp] of [0, now - 3600, now + 3600, now - 30 * 86400, now - 301].entries()) {
      const response = await postWecom(
        probe.url,
        callbackRequest(app, textMessageXml({ corpId: app.corpId, user: `stale_${i}`, content: '你好', msgId: String(9200000000000000300n + BigInt(i)) }), { timestamp }),
      );
      expect(response.status).toBe(403);
    }
    for (const [i, offset] of [365 * 86400, 3600, -3600].entries()) {
      const body = slackEventBody({ eventId: `EvStale${i}`, event: { type: 'app_mention', user: 'USTALE', text: '<@UBOT> 你好', ts: `1720000300.00000${i}`, channel: 'CSTALE' } });
      const response = await postSlack(`${probe.url}/slack/events`, body, { secret: SLACK_SECRET, timestamp: now + offset });
      expect(response.status).toBe(401);
    }
    // Within the window, either way, is accepted.
    const fresh = await postWecom(
      probe.url,
      callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'fresh_user', content: '你好', msgId: '9200000000000000399' }), { timestamp: now + 120 }),
    );
    expect(fresh.status).toBe(200);
    await wecomApi.waitFor(() => wecomApi.sent.some((m) => m.touser === 'fresh_user'), 'the fresh message answered', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(wecomApi.sent.slice(sentBefore).map((m) => m.touser)).toEqual(['fresh_user']);
    expect(slackApi.messages.length).toBe(messagesBefore);
    expect(probe.logs.filter((l) => l.event === 'wecom.rejected' && l.errorCode === 'wecom-stale-timestamp')).toHaveLength(5);
  }, 60_000);

  it('answers WeCom users named constructor, __proto__ and toString normally', async () => {
    const users = ['constructor', '__proto__', 'toString', 'hasOwnProperty'];
    for (const [i, user] of users.entries()) {
      wecomApi.setDepartments(user, [2]);
      const response = await postWecom(probe.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user, content: `原型 ${user}`, msgId: String(9200000000000000400n + BigInt(i)) })));
      expect(response.status).toBe(200);
    }
    await wecomApi.waitFor(() => users.every((user) => wecomApi.sent.some((m) => m.touser === user)), 'the four users answered', 20_000);
    for (const user of users) {
      const replies = wecomApi.sent.filter((m) => m.touser === user);
      expect(replies).toHaveLength(1);
      expect(replies[0]!.content).toContain(`答复【原型 ${user}】`);
    }
  }, 60_000);
});

/**
 * kill -9 of the real server process at each moment between the ack and the reply, then a restart (PGlite) or the
 * other instance (PostgreSQL, two instances), and the platforms' retries: every acknowledged message must end with
 * exactly one reply (crash-scenario.ts).
 */
/** The order in which the scenario sends its messages. */
const SCENARIO_ORDER = ['download', 'llm', 'sent', 'slow-send', 'ack', 'retry'];

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
