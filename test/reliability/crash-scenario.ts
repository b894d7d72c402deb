import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { callbackRequest, fileMessageXml, postWecom, randomEncodingAesKey, textMessageXml } from '../helpers/wecom-callback.ts';
import { SLACK_SECRET, slackEnv, wecomEnv } from '../channels/channel-harness.ts';
import { FakeLlm } from './fake-llm.ts';
import { startProbe, type ProbeProcess } from './probe-process.ts';

/**
 * The crash scenario of the reliability suite (and of bench/reliability.ts): the real server process (one, restarted,
 * or two sharing PostgreSQL) is killed with SIGKILL at five moments per platform — 0 ms after the ack, mid-download,
 * mid-LLM call, after the send but before it was marked, and mid-LLM followed by the platforms' retry — and every
 * message's replies are counted. Bounded: two kills, a lease of 2 s.
 */
export const LEASE = 2;
const app = { token: 'relToken', corpId: 'wwreliability0001', encodingAesKey: randomEncodingAesKey() };
const report = new TextEncoder().encode(readSampleReportText());

export type Moment = 'ack' | 'download' | 'llm' | 'sent' | 'slow-send' | 'retry';
export const MOMENTS: Moment[] = ['ack', 'download', 'llm', 'sent', 'slow-send', 'retry'];

export interface CrashResult {
  /** Replies per message, per platform (exactly once: 1). */
  counts: Array<{ moment: Moment; slack: number; wecom: number }>;
  /** Messages whose only reply is a real answer (not an error message). */
  realAnswers: number;
  slackLookups: number;
  wecomDuplicatesDropped: number;
  recovered: number;
  kills: number;
}

class Expectation extends Error {}
function expect(value: unknown) {
  return {
    toEqual(wanted: unknown) {
      if (JSON.stringify(value) !== JSON.stringify(wanted)) throw new Expectation(`expected ${JSON.stringify(wanted)}, got ${JSON.stringify(value)}`);
    },
  };
}

export async function runCrashScenario(name: string, databaseEnv: Record<string, string>, instances: 1 | 2): Promise<CrashResult> {
  const slackApi = new FakeSlackApi();
  const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
  const llm = new FakeLlm();
  await Promise.all([slackApi.start(), wecomApi.start(), llm.start()]);
  const env = { ...databaseEnv, ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url), PROBE_LLM_URL: llm.url };
  const running: ProbeProcess[] = [];
  const start = async () => {
    const probe = await startProbe(env, { lease: LEASE });
    running.push(probe);
    return probe;
  };
  const live = () => running.filter((p) => p.alive());
  let kills = 0;
  try {
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
        // Slack has the postMessage but has not posted it yet (it will, after the server is gone).
        if (moment === 'slow-send') return slackApi.slowPending.includes(slackThread) && wecomApi.sent.some((m) => m.touser === wecomUser);
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
      slackApi.slow.clear(); // a slow post already received still takes effect
      slackApi.slowAfterLookup.clear();
      slackApi.held.length = 0;
      wecomApi.held.length = 0;
    };


    await start();
    if (instances === 2) await start();
    const all: Array<ReturnType<typeof prepare>> = [];

    // First crash: one message caught mid-download, one at the model, one sent but not yet confirmed (the send
    // held: the platform has the reply, the server does not know), one whose postMessage Slack is still carrying out
    // (it appears after the kill), and one killed 0 ms after its ack.
    let victim = live()[0]!;
    for (const [index, moment] of (['download', 'llm', 'sent', 'slow-send'] as const).entries()) {
      if (moment === 'sent') {
        slackApi.hold.add('chat.postMessage');
        wecomApi.hold.add('send');
      }
      if (moment === 'slow-send') {
        // Slack posts it a second after the restarted server first looks for it: a single look would resend.
        slackApi.slow.set('chat.postMessage', 1_000);
        slackApi.slowAfterLookup.add('chat.postMessage');
      }
      const message = prepare(moment, index);
      all.push(message);
      expect(await message.post(victim)).toEqual([200, 200]);
      await slackApi.waitFor(message.caught, `the ${moment} message caught at its moment`, 15_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\n${victim.logs.slice(-30).map((l) => JSON.stringify(l)).join('\n')}`);
      });
    }
    const atAck = prepare('ack', 4);
    all.push(atAck);
    expect(await atAck.post(victim)).toEqual([200, 200]);
    await victim.kill9();
    kills += 1;
    releaseHolds();
    if (live().length === 0) await start();
    await slackApi.waitFor(() => all.every((m) => m.answered()), 'every message answered after the first crash', 30_000);
    if (instances === 2 && live().length < 2) await start();

    // Second crash, mid-model; then the platforms retry both deliveries against the instance that is up.
    victim = live()[0]!;
    const retried = prepare('retry', 5);
    all.push(retried);
    expect(await retried.post(victim)).toEqual([200, 200]);
    await slackApi.waitFor(retried.caught, 'the retried message at the model', 15_000);
    await victim.kill9();
    kills += 1;
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
    const realAnswers = all.filter(
      (s) =>
        slackApi.messages.find((m) => m.thread_ts === s.slackThread)?.text.includes('答复【') &&
        wecomApi.sent.find((m) => m.touser === s.wecomUser)?.content.includes('答复【'),
    ).length;
    return {
      counts,
      realAnswers,
      slackLookups: slackApi.calls.filter((c) => c === 'conversations.replies' || c === 'conversations.history').length,
      wecomDuplicatesDropped: wecomApi.duplicatesDropped,
      recovered: running.flatMap((p) => p.logs).filter((l) => l.event === 'delivery.recovered').length,
      kills,
    };
  } finally {
    await Promise.all(running.map((p) => p.stop()));
    await Promise.all([slackApi.stop(), wecomApi.stop(), llm.stop()]);
  }
}
