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

interface Sent {
  moment: string;
  slackThread: string;
  wecomUser: string;
}

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

    it(`ends with exactly one reply per acknowledged message for ${MOMENTS.length} crash moments × 2 platforms`, async () => {
      const sent: Sent[] = [];
      await start();
      if (instances === 2) await start();
      for (const [index, moment] of MOMENTS.entries()) {
        const victim = live()[0]!;
        const tag = `${moment.toUpperCase()}${index}`;
        const slackThread = `1710000000.${String(index).padStart(6, '0')}`;
        const wecomUser = `user_${moment}_${index}`;
        const msgId = String(9100000000000000000n + BigInt(index) + BigInt(name.length * 100));
        const eventId = `EvRel${name.length}${index}`;
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
        if (moment === 'sent') {
          slackApi.hold.add('chat.postMessage');
          wecomApi.hold.add('send');
        }
        const slackBody = slackEventBody({
          eventId,
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
        const [slackAck, wecomAck] = await Promise.all([
          postSlack(`${victim.url}/slack/events`, slackBody, { secret: SLACK_SECRET }),
          postWecom(victim.url, callbackRequest(app, wecomXml)),
        ]);
        expect([slackAck.status, wecomAck.status]).toEqual([200, 200]);
        sent.push({ moment, slackThread, wecomUser });

        if (moment === 'download') await slackApi.waitFor(() => slackApi.held.includes(fileId) && wecomApi.held.includes(mediaId), 'both downloads under way', 15_000);
        if (moment === 'llm' || moment === 'retry') await slackApi.waitFor(() => llm.held.filter((w) => w === tag).length >= 2, 'both turns at the model', 15_000);
        if (moment === 'sent') await slackApi.waitFor(() => slackApi.held.includes('chat.postMessage') && wecomApi.held.includes('send'), 'both replies sent, unanswered', 15_000);
        await victim.kill9();
        slackApi.hold.clear();
        wecomApi.hold.clear();
        llm.hold.clear();
        slackApi.held.length = 0;
        wecomApi.held.length = 0;

        if (instances === 1 || live().length === 0) await start();
        if (moment === 'retry') {
          // The platforms retry the unanswered deliveries: the retry takes the delivery over (or finds it taken over).
          const target = live()[0]!;
          await Promise.all([
            postSlack(`${target.url}/slack/events`, slackBody, { secret: SLACK_SECRET, retryNum: 1 }),
            postWecom(target.url, callbackRequest(app, wecomXml)),
          ]);
        }
        await slackApi.waitFor(
          () => slackApi.messages.some((m) => m.thread_ts === slackThread) && wecomApi.sent.some((m) => m.touser === wecomUser),
          `the replies after the crash ${moment}`,
          20_000,
        );
        if (instances === 2 && live().length < 2) await start(); // back to two instances for the next moment
      }
      // Give any late duplicate time to show up: two more leases.
      await new Promise((resolve) => setTimeout(resolve, LEASE * 2000 + 500));
      const counts = sent.map((s) => ({
        moment: s.moment,
        slack: slackApi.messages.filter((m) => m.thread_ts === s.slackThread).length,
        wecom: wecomApi.sent.filter((m) => m.touser === s.wecomUser).length,
      }));
      expect(counts).toEqual(sent.map((s) => ({ moment: s.moment, slack: 1, wecom: 1 })));
      // Real answers, not error messages: each came from the assistant after the crash.
      for (const s of sent) {
        expect(slackApi.messages.find((m) => m.thread_ts === s.slackThread)!.text).toContain('答复【');
        expect(wecomApi.sent.find((m) => m.touser === s.wecomUser)!.content).toContain('答复【');
      }
      // The crash after sending was settled by the platforms' idempotency: Slack's thread lookup found the reply,
      // WeCom's duplicate check dropped the identical resend.
      expect(slackApi.calls).toContain('conversations.replies');
      expect(wecomApi.duplicatesDropped).toBeGreaterThanOrEqual(1);
      const recovered = running.flatMap((p) => p.logs).filter((l) => l.event === 'delivery.recovered').length;
      expect(recovered).toBeGreaterThanOrEqual(4);
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
