import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { createPostgresTestDatabase, createTestDataDir, testDatabaseUrl, type TestDatabase } from '../helpers/test-database.ts';
import { callbackRequest, fileMessageXml, postWecom, randomEncodingAesKey, textMessageXml } from '../helpers/wecom-callback.ts';
import { SLACK_SECRET, slackEnv, wecomEnv } from '../channels/channel-harness.ts';
import { FakeLlm } from './fake-llm.ts';
import { startProbe, type ProbeProcess } from './probe-process.ts';

/**
 * kill -9 of the real server process at each moment between the ack and the reply, then a restart (PGlite) or the
 * other instance (PostgreSQL, two instances), and the platforms' retries: every acknowledged message must end with
 * exactly one reply. Bounded: 5 moments × 2 platforms per database, a lease of 2 s.
 */
const LEASE = 2;
const app = { token: 'relToken', corpId: 'wwreliability0001', encodingAesKey: randomEncodingAesKey() };
const report = new TextEncoder().encode(readSampleReportText());

type Moment = 'ack' | 'download' | 'llm' | 'sent' | 'retry';
const MOMENTS: Moment[] = ['ack', 'download', 'llm', 'sent', 'retry'];

function crashSuite(name: string, open: () => Promise<{ env: Record<string, string>; instances: 1 | 2; dispose: () => Promise<void> }>) {
  describe(`kill -9 at every moment on ${name}`, () => {
    const slackApi = new FakeSlackApi();
    const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
    const llm = new FakeLlm();
    let env: Record<string, string>;
    let instances: 1 | 2;
    let dispose: () => Promise<void>;
    const running: ProbeProcess[] = [];

    beforeAll(async () => {
      await Promise.all([slackApi.start(), wecomApi.start(), llm.start()]);
      ({ env, instances, dispose } = await open());
      env = { ...env, ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url), PROBE_LLM_URL: llm.url };
    }, 120_000);
    afterAll(async () => {
      await Promise.all(running.map((p) => p.stop()));
      await dispose?.();
      await Promise.all([slackApi.stop(), wecomApi.stop(), llm.stop()]);
    });

    const start = async () => {
      const probe = await startProbe(env, { lease: LEASE });
      running.push(probe);
      return probe;
    };
    const live = () => running.filter((p) => p.alive());

    /** One message per platform, arranged to be caught at `moment` when the server dies. */
    const prepare = (moment: Moment, index: number) => {
      const tag = `${moment.toUpperCase()}${index}`;
      const slackThread = `1710000000.${String(index).padStart(6, '0')}`;
      const wecomUser = `user_${moment}_${index}`;
      const msgId = String(9100000000000000000n + BigInt(index) + BigInt(name.length * 100));
      const fileId = `FREL${name.length}${index}`;
      const mediaId = `MREL${name.length}${index}`;
      const withFile = moment === 'download';
      if (withFile) {
        slackApi.addFile({ id: fileId, name: '报告.txt', bytes: report, channel: 'CREL', ts: slackThread });
        wecomApi.addMedia(mediaId, '报告.txt', report);
        slackApi.hold.add(fileId);
        wecomApi.hold.add(mediaId);
      }
      if (moment === 'llm' || moment === 'retry') llm.hold.add(tag);
      const slackBody = slackEventBody({
        eventId: `EvRel${name.length}${index}`,
        event: {
          type: 'app_mention',
          user: 'UREL',
          text: `<@UBOT> 问题 ${tag}`,
          ts: slackThread,
          channel: 'CREL',
          ...(withFile ? { files: [{ id: fileId, name: '报告.txt' }] } : {}),
        },
      });
      const wecomXml = withFile
        ? fileMessageXml({ corpId: app.corpId, user: wecomUser, mediaId, fileName: '报告.txt', msgId })
        : textMessageXml({ corpId: app.corpId, user: wecomUser, content: `问题 ${tag}`, msgId });
      const caught = () => {
        if (moment === 'download') return slackApi.held.includes(fileId) && wecomApi.held.includes(mediaId);
        if (moment === 'llm' || moment === 'retry') return llm.held.filter((w) => w === tag).length >= 2;
        if (moment === 'sent') return slackApi.messages.some((m) => m.thread_ts === slackThread) && wecomApi.sent.some((m) => m.touser === wecomUser);
        return true; // 'ack': killed the moment both 200s arrive
      };
      const post = async (target: ProbeProcess, retry = false) => {
        const [slackAck, wecomAck] = await Promise.all([
          postSlack(`${target.url}/slack/events`, slackBody, { secret: SLACK_SECRET, ...(retry ? { retryNum: 1 } : {}) }),
          postWecom(target.url, callbackRequest(app, wecomXml)),
        ]);
        return [slackAck.status, wecomAck.status];
      };
      const answered = () => slackApi.messages.some((m) => m.thread_ts === slackThread) && wecomApi.sent.some((m) => m.touser === wecomUser);
      return { moment, slackThread, wecomUser, caught, post, answered };
    };
    const releaseHolds = () => {
      for (const set of [slackApi.hold, wecomApi.hold, llm.hold]) set.clear();
      slackApi.held.length = 0;
      wecomApi.held.length = 0;
    };

    it(`ends with exactly one reply per acknowledged message for ${MOMENTS.length} crash moments × 2 platforms`, async () => {
      await start();
      if (instances === 2) await start();
      const all: Array<ReturnType<typeof prepare>> = [];

      // First crash: one message caught mid-download, one at the model, one sent but not yet confirmed (the send
      // held: the platform has the reply, the server does not know), and one killed 0 ms after its ack.
      let victim = live()[0]!;
      for (const [index, moment] of (['download', 'llm', 'sent'] as const).entries()) {
        if (moment === 'sent') {
          slackApi.hold.add('chat.postMessage');
          wecomApi.hold.add('send');
        }
        const message = prepare(moment, index);
        all.push(message);
        expect(await message.post(victim)).toEqual([200, 200]);
        await slackApi.waitFor(message.caught, `the ${moment} message caught at its moment`, 15_000).catch((error: unknown) => {
          throw new Error(`${String(error)}\n${victim.logs.slice(-30).map((l) => JSON.stringify(l)).join('\n')}`);
        });
      }
      const atAck = prepare('ack', 3);
      all.push(atAck);
      expect(await atAck.post(victim)).toEqual([200, 200]);
      await victim.kill9();
      releaseHolds();
      if (live().length === 0) await start();
      await slackApi.waitFor(() => all.every((m) => m.answered()), 'every message answered after the first crash', 30_000);
      if (instances === 2 && live().length < 2) await start();

      // Second crash, mid-model; then the platforms retry both deliveries against the instance that is up.
      victim = live()[0]!;
      const retried = prepare('retry', 4);
      all.push(retried);
      expect(await retried.post(victim)).toEqual([200, 200]);
      await slackApi.waitFor(retried.caught, 'the retried message at the model', 15_000);
      await victim.kill9();
      releaseHolds();
      if (live().length === 0) await start();
      expect(await retried.post(live()[0]!, true)).toEqual([200, 200]);
      await slackApi.waitFor(retried.answered, 'the retried message answered', 30_000);

      // Give any late duplicate time to show up: two more leases.
      await new Promise((resolve) => setTimeout(resolve, LEASE * 2000 + 500));
      const counts = all.map((s) => ({
        moment: s.moment,
        slack: slackApi.messages.filter((m) => m.thread_ts === s.slackThread).length,
        wecom: wecomApi.sent.filter((m) => m.touser === s.wecomUser).length,
      }));
      expect(counts).toEqual(all.map((s) => ({ moment: s.moment, slack: 1, wecom: 1 })));
      // Real answers, not error messages.
      for (const s of all) {
        expect(slackApi.messages.find((m) => m.thread_ts === s.slackThread)!.text).toContain('答复【');
        expect(wecomApi.sent.find((m) => m.touser === s.wecomUser)!.content).toContain('答复【');
      }
      // The crash after sending was settled by the platforms' idempotency: Slack's thread lookup found the reply,
      // WeCom's duplicate check dropped the identical resend.
      expect(slackApi.calls).toContain('conversations.replies');
      expect(wecomApi.duplicatesDropped).toBeGreaterThanOrEqual(1);
      const recovered = running.flatMap((p) => p.logs).filter((l) => l.event === 'delivery.recovered').length;
      expect(recovered).toBeGreaterThanOrEqual(6);
    }, 240_000);
  });
}

crashSuite('PGlite (one instance, restarted)', async () => {
  const dataDir = await createTestDataDir();
  return { env: { SELFEVAL_DATA_DIR: dataDir }, instances: 1, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
});

const url = testDatabaseUrl();
if (url) {
  crashSuite('PostgreSQL (two instances)', async () => {
    const test: TestDatabase = await createPostgresTestDatabase(url);
    return { env: { DATABASE_URL: test.config.databaseUrl! }, instances: 2, dispose: () => test.dispose() };
  });
} else {
  describe.skip('kill -9 at every moment on PostgreSQL (TEST_DATABASE_URL is not set)', () => {
    it('needs TEST_DATABASE_URL', () => undefined);
  });
}
