import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';
import { callbackRequest, fileMessageXml, postWecom, randomEncodingAesKey, textMessageXml } from '../helpers/wecom-callback.ts';
import { SLACK_SECRET, slackEnv, startRealAssistantServer, wecomEnv } from './channel-harness.ts';
import { CONVERSATION, type Exchange } from './conversation-script.ts';

/**
 * A finance officer's conversation, scripted, through the real channel servers and the real assistant (offline,
 * bundled knowledge) on the real sample report: upload → 为什么扣了2分 → 那怎么改 → 帮我写一段说明 → 短一点 →
 * 发我Word文件 → 去年呢, then a pasted paragraph, 批注 after the upload and 三公经费是多少. Each reply is asserted on
 * its content (conversation-script.ts), and none carries a rule id, LaTeX, a file path or an invisible character.
 */
describe('a scripted conversation in Slack and in WeCom (self-built app)', () => {
  const slackApi = new FakeSlackApi();
  const app = { token: 'convToken', corpId: 'wwconv00000000001', encodingAesKey: randomEncodingAesKey() };
  const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
  const report = new TextEncoder().encode(readSampleReportText());
  let server: Awaited<ReturnType<typeof startRealAssistantServer>>;

  beforeAll(async () => {
    await Promise.all([slackApi.start(), wecomApi.start()]);
    server = await startRealAssistantServer({ ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url) });
  }, 240_000);
  afterAll(async () => {
    await server?.dispose();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
  });

  const PROGRESS = /^正在查阅报告/u;

  it('Slack: every step of the conversation in one thread is on its subject', async () => {
    const channel = 'CCONV';
    const thread = '1700005000.000001';
    let event = 0;
    const exchange = async (send: () => Promise<unknown>): Promise<Exchange> => {
      const messages = slackApi.messages.length;
      const uploads = slackApi.uploads.length;
      await send();
      // The reply is the message tagged with its delivery key (a progress notice is not).
      await slackApi.waitFor(() => slackApi.messages.slice(messages).some((m) => m.metadata !== undefined), 'the reply', 60_000);
      await new Promise((resolve) => setTimeout(resolve, 300)); // files follow the message
      const posted = slackApi.messages.slice(messages).filter((m) => !PROGRESS.test(m.text));
      const text = posted.map((m) => JSON.stringify(m.blocks)).join('\n');
      const files = slackApi.uploads.slice(uploads).map((u) => ({ name: u.filename ?? u.title, bytes: u.data ?? new Uint8Array() }));
      return { text: JSON.parse(`[${text.split('\n').join(',')}]`).flat().map(blockText).join('\n'), files };
    };
    const mention = (words: string) =>
      exchange(() => {
        event += 1;
        return postSlack(
          `${server.url}/slack/events`,
          slackEventBody({ eventId: `EvConv${event}`, event: { type: 'app_mention', user: 'U0001', text: `<@UBOT> ${words}`, ts: `1700005000.${String(100 + event).padStart(6, '0')}`, thread_ts: thread, channel } }),
          { secret: SLACK_SECRET },
        );
      });
    slackApi.addFile({ id: 'FCONV', name: '乐昌市2024年度部门整体支出绩效自评报告.txt', bytes: report, channel, ts: '1700005000.000002', threadTs: thread });
    const upload = () =>
      exchange(() => postSlack(`${server.url}/slack/events`, slackEventBody({ eventId: 'EvConvFile', event: { type: 'file_shared', file_id: 'FCONV', user_id: 'U0001', channel_id: channel } }), { secret: SLACK_SECRET }));
    await CONVERSATION.run({ upload, say: mention });
  }, 300_000);

  it('WeCom: every step of the conversation with one member is on its subject, with no invisible characters', async () => {
    let msg = 7600000000000000000n;
    const exchange = async (xml: string): Promise<Exchange> => {
      const sent = wecomApi.sent.length;
      const uploads = wecomApi.uploads.length;
      await postWecom(server.url, callbackRequest(app, xml));
      // The reply is a markdown message; a progress notice is a text message of its own.
      await wecomApi.waitFor(() => wecomApi.sent.slice(sent).some((m) => m.msgtype === 'markdown'), 'the reply', 60_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const messages = wecomApi.sent.slice(sent).filter((m) => !PROGRESS.test(m.content));
      for (const m of messages) expect(m.raw ?? '', 'no invisible characters in what WeCom shows').not.toMatch(/[\u200b-\u200f\u2060\ufeff]/u);
      const files = wecomApi.uploads.slice(uploads).map((u) => ({ name: u.name ?? '', bytes: u.data ?? new Uint8Array() }));
      return { text: messages.filter((m) => m.msgtype !== 'file').map((m) => m.content).join('\n'), files };
    };
    const say = (words: string) => {
      msg += 1n;
      return exchange(textMessageXml({ corpId: app.corpId, user: 'lisi', content: words, msgId: String(msg) }));
    };
    wecomApi.addMedia('MEDIA_CONV', 'report.txt', report);
    const upload = () => exchange(fileMessageXml({ corpId: app.corpId, user: 'lisi', mediaId: 'MEDIA_CONV', fileName: '乐昌自评报告.txt', msgId: '7600000000000000000' }));
    await CONVERSATION.run({ upload, say });
  }, 300_000);
});

/** The words of a Block Kit block (sections and context elements). */
function blockText(block: { text?: { text?: string }; elements?: Array<{ text?: string }> }): string {
  return [block.text?.text ?? '', ...(block.elements ?? []).map((e) => e.text ?? '')].join('\n');
}
