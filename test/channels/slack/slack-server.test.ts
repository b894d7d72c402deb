import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { postSlack, slackEventBody, slashCommandBody } from '../../helpers/slack-signing.ts';
import { readSampleReportText } from '../../helpers/sample-report.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { RecordingAssistant } from '../recording-assistant.ts';
import { logCount, outcomes, SLACK_SECRET, slackEnv, startChannelServer, type RunningServer } from '../channel-harness.ts';
import type { KnowledgeIngester } from '../../../src/channels/knowledge-ingester.ts';

describe('Slack over HTTP: the real Bolt app against a fake Slack Web API', () => {
  const api = new FakeSlackApi();
  const assistant = new RecordingAssistant({ failFirst: 1, draftChars: 1200 });
  const ingested: Array<{ scope: string; name: string; bytes: number; addedBy: string }> = [];
  const ingester: KnowledgeIngester = {
    ingest: async (input) => {
      ingested.push({ scope: input.scope, name: input.name, bytes: input.bytes.byteLength, addedBy: input.addedBy });
      return { ok: true, title: input.name.replace(/\.\w+$/, ''), chunks: 3 };
    },
  };
  const report = new TextEncoder().encode(readSampleReportText());
  let test: TestDatabase;
  let one: RunningServer;
  let two: RunningServer;

  beforeAll(async () => {
    await api.start();
    test = await createTestDatabase();
    const scopesFile = join(mkdtempSync(join(tmpdir(), 'selfeval-scopes-')), 'scopes.json');
    writeFileSync(
      scopesFile,
      JSON.stringify({
        slack: { T0001: { default: 'lechang-finance', channels: { CEDU: 'lechang-education' }, admins: ['UADMIN'] } },
      }),
    );
    const env = slackEnv(api.apiUrl, api.botToken, { SCOPES_FILE: scopesFile });
    one = await startChannelServer({ db: test.db, assistant, env, ingester });
    two = await startChannelServer({ db: test.db, assistant, env, ingester });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await test?.dispose();
    await api.stop();
  });

  const mention = (eventId: string, channel: string, text: string, extra: Record<string, unknown> = {}) =>
    slackEventBody({ eventId, event: { type: 'app_mention', user: 'U0001', text: `<@UBOT> ${text}`, ts: `1700000000.${eventId.slice(-6).padStart(6, '0')}`, channel, ...extra } });

  it('answers url_verification with the challenge when signed, and 401 when unsigned, mis-signed or stale', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'challenge-3eZbrw1aBm2rZgRNFdxV', type: 'url_verification' });
    const signed = await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET });
    expect(signed.status).toBe(200);
    expect(await signed.text()).toContain('challenge-3eZbrw1aBm2rZgRNFdxV');
    expect((await postSlack(`${one.url}/slack/events`, body, { secret: undefined })).status).toBe(401);
    expect((await postSlack(`${one.url}/slack/events`, body, { secret: 'wrong-secret' })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 600;
    expect((await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET, timestamp: stale })).status).toBe(401);
  });

  it('answers a mention in its thread with Block Kit: the answer, findings (severity, line, message) and sources', async () => {
    const before = api.messages.length;
    const response = await postSlack(`${one.url}/slack/events`, mention('Ev000101', 'C0001', '总分99分对吗'), { secret: SLACK_SECRET });
    expect(response.status).toBe(200);
    await api.waitFor(() => api.messages.length > before, 'the reply');
    const reply = api.messages.at(-1)!;
    expect(reply).toMatchObject({ channel: 'C0001', thread_ts: '1700000000.000101' });
    const types = reply.blocks.map((b) => b.type);
    expect(types[0]).toBe('section');
    expect(types).toContain('context');
    const texts = JSON.stringify(reply.blocks);
    expect(texts).toContain('收到：总分99分对吗');
    expect(texts).toContain('错误* 第125行：政府采购执行率应为 107.15%');
    expect(texts).toContain('guides/政府采购执行率.md 第3行');
    const turn = assistant.turns.at(-1)!;
    expect(turn).toMatchObject({
      text: '总分99分对吗',
      user: 'slack:T0001:U0001',
      thread: 'slack:T0001:C0001:1700000000.000101',
      scope: 'lechang-finance',
      attachments: [],
    });
  });

  it('takes a report uploaded in a DM (files.info + url_private with the bot token) and handles the file once', async () => {
    api.addFile({ id: 'F0DM', name: '乐昌市2024年度自评报告.txt', bytes: report, channel: 'D0001', ts: '1700000100.000001' });
    const before = api.messages.length;
    const dm = slackEventBody({
      eventId: 'Ev000201',
      event: { type: 'message', channel_type: 'im', subtype: 'file_share', user: 'U0001', text: '', ts: '1700000100.000001', channel: 'D0001', files: [{ id: 'F0DM' }] },
    });
    const shared = slackEventBody({ eventId: 'Ev000202', event: { type: 'file_shared', file_id: 'F0DM', user_id: 'U0001', channel_id: 'D0001' } });
    await Promise.all([
      postSlack(`${one.url}/slack/events`, dm, { secret: SLACK_SECRET }),
      postSlack(`${two.url}/slack/events`, shared, { secret: SLACK_SECRET }),
    ]);
    await api.waitFor(() => api.messages.length > before, 'the reply to the upload');
    await api.waitFor(() => outcomes([one, two], 'slack:T0001:event:Ev00020') === 2, 'both deliveries to finish');
    expect(api.messages.length - before).toBe(1);
    expect(api.downloads.filter((id) => id === 'F0DM')).toHaveLength(1);
    expect(api.messages.at(-1)).toMatchObject({ channel: 'D0001', thread_ts: undefined });
    const turn = assistant.turns.at(-1)!;
    expect(turn.text).toBe('/check');
    expect(turn.thread).toBe('slack:T0001:D0001');
    expect(turn.attachments).toHaveLength(1);
    expect(turn.attachments[0]!.name).toBe('乐昌市2024年度自评报告.txt');
    expect(Buffer.from(turn.attachments[0]!.bytes).equals(Buffer.from(report))).toBe(true);
  });

  it('takes a report shared into a channel thread without a mention (file_shared) as that thread’s report', async () => {
    api.addFile({ id: 'F0THREAD', name: 'report.txt', bytes: report, channel: 'CEDU', ts: '1700000200.000002', threadTs: '1700000200.000001' });
    const before = api.messages.length;
    const shared = slackEventBody({ eventId: 'Ev000301', event: { type: 'file_shared', file_id: 'F0THREAD', user_id: 'U0002', channel_id: 'CEDU' } });
    await postSlack(`${one.url}/slack/events`, shared, { secret: SLACK_SECRET });
    await api.waitFor(() => api.messages.length > before, 'the reply in the thread');
    expect(api.messages.at(-1)).toMatchObject({ channel: 'CEDU', thread_ts: '1700000200.000001' });
    expect(assistant.turns.at(-1)).toMatchObject({ thread: 'slack:T0001:CEDU:1700000200.000001', scope: 'lechang-education', user: 'slack:T0001:U0002' });
  });

  it('ignores the bot’s own uploads (drafts) and messages', async () => {
    const turns = assistant.turns.length;
    api.addFile({ id: 'F0BOT', name: '存在问题.txt', bytes: report, channel: 'C0001', ts: '1700000300.000001' });
    await postSlack(`${one.url}/slack/events`, slackEventBody({ eventId: 'Ev000401', event: { type: 'file_shared', file_id: 'F0BOT', user_id: 'UBOT', channel_id: 'C0001' } }), { secret: SLACK_SECRET });
    await postSlack(
      `${one.url}/slack/events`,
      slackEventBody({ eventId: 'Ev000402', event: { type: 'message', channel_type: 'im', user: 'UBOT', bot_id: 'B0001', text: '收到', ts: '1700000300.000002', channel: 'D0001' } }),
      { secret: SLACK_SECRET },
    );
    // A user's DM after them: once it is answered, the two earlier events have long been through the middleware.
    await postSlack(
      `${one.url}/slack/events`,
      slackEventBody({ eventId: 'Ev000403', event: { type: 'message', channel_type: 'im', user: 'U0001', text: '帮助', ts: '1700000300.000003', channel: 'D0001' } }),
      { secret: SLACK_SECRET },
    );
    await api.waitFor(() => outcomes([one], 'slack:T0001:event:Ev000403') === 1, 'the user DM to be answered');
    await api.waitFor(() => logCount([one], 'slack.own_file_ignored') === 1, 'the own upload to be ignored');
    expect(outcomes([one, two], 'slack:T0001:event:Ev00040')).toBe(1);
    expect(assistant.turns.length).toBe(turns); // 帮助 is answered by the channel itself
    expect(api.messages.at(-1)!.text).toContain('我可以帮你检查');
  });

  it('runs /selfeval draft: acks at once, answers on the response_url', async () => {
    const body = slashCommandBody({ channel: 'C0001', user: 'U0001', text: 'draft 存在问题', triggerId: 'trig-1', responseUrl: `${api.url}/respond/trig-1` });
    const response = await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('收到，正在处理');
    await api.waitFor(() => api.responses.some((r) => r.path === '/respond/trig-1'), 'the slash command answer');
    const answer = api.responses.find((r) => r.path === '/respond/trig-1')!.body;
    expect(answer.response_type).toBe('ephemeral'); // only the user sees it, unless asked to post
    expect(JSON.stringify(answer.blocks)).toContain('收到：/draft 存在问题');
    expect(assistant.turns.at(-1)).toMatchObject({ text: '/draft 存在问题', thread: 'slack:T0001:C0001', channel: 'slack' });
  });

  it('posts a slash command answer for everyone with "post", and uses the thread a client names (its report)', async () => {
    const body = slashCommandBody({ channel: 'C0001', user: 'U0001', text: 'check post', triggerId: 'trig-20', responseUrl: `${api.url}/respond/trig-20` });
    await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET });
    await api.waitFor(() => api.responses.some((r) => r.path === '/respond/trig-20'), 'the posted answer');
    expect(api.responses.find((r) => r.path === '/respond/trig-20')!.body.response_type).toBe('in_channel');
    const threaded = `${slashCommandBody({ channel: 'C0001', user: 'U0001', text: 'check', triggerId: 'trig-30', responseUrl: `${api.url}/respond/trig-30` })}&thread_ts=1700000000.000777`;
    await postSlack(`${one.url}/slack/events`, threaded, { secret: SLACK_SECRET });
    await api.waitFor(() => api.responses.some((r) => r.path === '/respond/trig-30'), 'the threaded answer');
    expect(api.responses.find((r) => r.path === '/respond/trig-30')!.body.response_type).toBe('ephemeral');
    expect(assistant.turns.at(-1)).toMatchObject({ text: '/check', thread: 'slack:T0001:C0001:1700000000.000777' });
  });

  it('answers a bare @mention with the Slack help (slash command, 模板 / 起草全文 / 批注)', async () => {
    const turns = assistant.turns.length;
    const before = api.messages.length;
    await postSlack(`${one.url}/slack/events`, mention('Ev000611', 'C0001', ''), { secret: SLACK_SECRET });
    await api.waitFor(() => api.messages.length > before, 'the help');
    const help = JSON.stringify(api.messages.at(-1)!.blocks);
    for (const word of ['/selfeval', '模板', '起草全文', '批注', '详情']) expect(help).toContain(word);
    expect(help).not.toContain('/load');
    expect(assistant.turns.length).toBe(turns);
  });

  it('uploads a long draft as a file in the thread (files.uploadV2 flow)', async () => {
    const before = api.uploads.length;
    await postSlack(`${one.url}/slack/events`, mention('Ev000501', 'C0001', '/draft 存在问题'), { secret: SLACK_SECRET });
    await api.waitFor(() => api.uploads.length > before, 'the draft upload');
    expect(api.uploads.at(-1)).toMatchObject({ title: '存在问题（草稿）', channel_id: 'C0001', thread_ts: '1700000000.000501' });
    expect(api.uploads.at(-1)!.bytes).toBeGreaterThan(1200);
  });

  it('lets only admins add documents to the shared knowledge, politely refusing others in Chinese', async () => {
    const refuse = slashCommandBody({ channel: 'C0001', user: 'U0001', text: 'ingest', triggerId: 'trig-2', responseUrl: `${api.url}/respond/trig-2` });
    await postSlack(`${one.url}/slack/events`, refuse, { secret: SLACK_SECRET });
    await api.waitFor(() => api.responses.some((r) => r.path === '/respond/trig-2'), 'the refusal');
    expect(JSON.stringify(api.responses.find((r) => r.path === '/respond/trig-2')!.body)).toContain('只有管理员可以向共享知识库添加文档');

    const before = api.messages.length;
    const ask = slackEventBody({ eventId: 'Ev000601', event: { type: 'message', channel_type: 'im', user: 'UADMIN', text: '入库', ts: '1700000600.000001', channel: 'DADMIN' } });
    await postSlack(`${one.url}/slack/events`, ask, { secret: SLACK_SECRET });
    await api.waitFor(() => api.messages.length > before, 'the ingest prompt');
    expect(api.messages.at(-1)!.text).toContain('请在 10 分钟内');
    const guide = new TextEncoder().encode('政府采购执行率 满分2分');
    api.addFile({ id: 'F0GUIDE', name: '评分细则.txt', bytes: guide, channel: 'DADMIN', ts: '1700000600.000002' });
    const upload = slackEventBody({
      eventId: 'Ev000602',
      event: { type: 'message', channel_type: 'im', subtype: 'file_share', user: 'UADMIN', text: '', ts: '1700000600.000002', channel: 'DADMIN', files: [{ id: 'F0GUIDE' }] },
    });
    await postSlack(`${two.url}/slack/events`, upload, { secret: SLACK_SECRET });
    await api.waitFor(() => api.messages.length > before + 1, 'the ingest result');
    expect(ingested).toEqual([{ scope: 'lechang-finance', name: '评分细则.txt', bytes: guide.byteLength, addedBy: 'slack:T0001:UADMIN' }]);
    expect(api.messages.at(-1)!.text).toContain('已将《评分细则》加入共享知识库');
  });

  it('delivers exactly one reply for 20 events each delivered 5 times (retries 1..4) across two instances', async () => {
    const before = api.messages.length;
    const requests: Promise<Response>[] = [];
    for (let i = 0; i < 20; i += 1) {
      const eventId = `EvRETRY${String(i).padStart(4, '0')}`;
      const body = mention(eventId, 'C0002', `问题${i}`);
      for (let retry = 0; retry < 5; retry += 1) {
        requests.push(postSlack(`${(retry % 2 === 0 ? one : two).url}/slack/events`, body, { secret: SLACK_SECRET, retryNum: retry }));
      }
    }
    const statuses = (await Promise.all(requests)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    await api.waitFor(() => api.messages.length - before >= 20, '20 replies');
    await api.waitFor(() => outcomes([one, two], 'slack:T0001:event:EvRETRY') === 100, 'all 100 deliveries to be settled');
    const settled = [one, two].flatMap((s) => s.logs).filter((l) => String(l.delivery ?? '').startsWith('slack:T0001:event:EvRETRY'));
    expect(settled.filter((l) => l.event === 'delivery.done')).toHaveLength(20);
    expect(settled.filter((l) => l.event === 'delivery.duplicate')).toHaveLength(80);
    const replies = api.messages.slice(before);
    expect(replies).toHaveLength(20);
    expect(new Set(replies.map((r) => r.thread_ts)).size).toBe(20);
  });

  it('tells the user in Chinese when the assistant fails mid-turn, stays up, and re-runs the failed delivery on a retry', async () => {
    const before = api.messages.length;
    const body = mention('EvFAIL0001', 'C0003', '模型故障 测试');
    await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET });
    await api.waitFor(() => api.messages.length > before, 'the error message');
    expect(api.messages.at(-1)!.text).toBe('抱歉，处理时出错了，请稍后再试。');
    const { rows } = await test.db.query<{ status: string; error_code: string }>("SELECT status, error_code FROM deliveries WHERE key = 'slack:T0001:event:EvFAIL0001'");
    expect(rows).toEqual([{ status: 'failed', error_code: 'llm-unavailable' }]);
    expect((await fetch(`${one.url}/healthz`)).status).toBe(200);

    await postSlack(`${two.url}/slack/events`, body, { secret: SLACK_SECRET, retryNum: 1 });
    await api.waitFor(() => api.messages.length > before + 1, 'the answer on retry');
    expect(api.messages.at(-1)!.text).toContain('收到：模型故障 测试');
    await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET, retryNum: 2 });
    await api.waitFor(() => outcomes([one, two], 'slack:T0001:event:EvFAIL0001') === 3, 'the third delivery to settle');
    expect(api.messages.length).toBe(before + 2);
  });

  it('tells the user when posting fails and keeps the delivery retryable', async () => {
    const before = api.messages.length;
    api.failNext('chat.postMessage', 1);
    const body = mention('EvPOST0001', 'C0004', '结转结余率怎么算');
    await postSlack(`${one.url}/slack/events`, body, { secret: SLACK_SECRET });
    await api.waitFor(() => api.messages.length > before, 'the error notice');
    expect(api.messages.at(-1)!.text).toBe('抱歉，处理时出错了，请稍后再试。');
    const { rows } = await test.db.query<{ status: string }>("SELECT status FROM deliveries WHERE key = 'slack:T0001:event:EvPOST0001'");
    expect(rows[0]!.status).toBe('failed');
  });
});
