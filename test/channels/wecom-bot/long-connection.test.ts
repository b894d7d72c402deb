import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, Turn, TurnHandler } from '../../../src/assistant/turn.ts';
import { createFeedbackStore } from '../../../src/store/chat-feedback.ts';
import { botEvent, botMessage, FakeWecomBotWs } from '../../helpers/fake-wecom-bot-ws.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { RecordingAssistant } from '../recording-assistant.ts';
import { startChannelServer, type RunningServer } from '../channel-harness.ts';

/** The real SDK (WSClient) against a loopback fake of the long-connection protocol, pointed at it by WECOM_BOT_WS_URL. */
describe('WeCom 智能机器人, long connection', () => {
  const fake = new FakeWecomBotWs({ botId: 'BOT1', secret: 'bot-secret' });
  const assistant = new RecordingAssistant();
  let test: TestDatabase;
  let server: RunningServer;
  let scopesFile: string;

  beforeAll(async () => {
    await fake.start();
    test = await createTestDatabase();
    scopesFile = join(mkdtempSync(join(tmpdir(), 'selfeval-bot-scopes-')), 'scopes.json');
    writeFileSync(scopesFile, JSON.stringify({ wecomBot: { BOT1: { default: 'bot-default', chats: { GROUPEDU: 'education-bureau' } } } }));
    server = await startChannelServer({
      db: test.db,
      assistant,
      env: { WECOM_BOT_ID: 'BOT1', WECOM_BOT_SECRET: 'bot-secret', WECOM_BOT_WS_URL: fake.url, SCOPES_FILE: scopesFile },
    });
    await fake.waitFor(() => fake.authentications === 1, 'the SDK to authenticate');
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await test?.dispose();
    await fake.stop();
  });

  it('answers a one-to-one text: a first frame at once, the answer streamed, finished with the next-steps card', async () => {
    const reqId = fake.push(botMessage({ msgid: 'M1', user: 'zhangsan', text: '为什么扣了2分' }));
    await fake.waitFor(() => fake.finished(reqId) !== undefined, 'the finished stream');
    const frames = fake.replies(reqId);
    expect(frames[0]).toMatchObject({ msgtype: 'stream', stream: { finish: false, content: '收到，正在处理……' } });
    const streamId = (frames[0]!.stream as { id: string; feedback?: { id: string } }).id;
    expect((frames[0]!.stream as { feedback?: { id: string } }).feedback?.id).toBe(streamId);
    const last = fake.finished(reqId)!;
    expect(last.msgtype).toBe('stream_with_template_card');
    expect((last.stream as { id: string; content: string }).id).toBe(streamId);
    expect((last.stream as { content: string }).content).toContain('收到：为什么扣了2分');
    expect((last.stream as { content: string }).content).toContain('政府采购执行率应为 107.15%');
    // The short answer came before the whole: at least one partial frame holds only its first part.
    const partials = fake.streamContents(reqId).slice(1, -1);
    expect(partials.some((text) => text.startsWith('收到：为什么扣了2分') && !text.includes('来源'))).toBe(true);
    const card = last.template_card as { card_type: string; button_list: Array<{ text: string }> };
    expect(card.card_type).toBe('button_interaction');
    expect(card.button_list.map((b) => b.text)).toEqual(['详情', '起草存在问题', '批注版']);
    const turn = assistant.turns.at(-1)!;
    expect(turn).toMatchObject({ user: 'wecom-bot:BOT1:zhangsan', thread: 'wecom-bot:BOT1:zhangsan', scope: 'bot-default' });
  });

  it('answers an @mention in a group in that group’s scope, without the mention in the words', async () => {
    const reqId = fake.push(botMessage({ msgid: 'M2', user: 'lisi', chat: 'GROUPEDU', text: '@自评助手 总分多少' }));
    await fake.waitFor(() => fake.finished(reqId) !== undefined, 'the group answer');
    expect(assistant.turns.at(-1)).toMatchObject({ text: '总分多少', thread: 'wecom-bot:BOT1:group:GROUPEDU', scope: 'education-bureau' });
  });

  it('answers a resent msgid once', async () => {
    const before = assistant.turns.length;
    const first = fake.push(botMessage({ msgid: 'M3', user: 'zhangsan', text: '结转结余率怎么算' }));
    const second = fake.push(botMessage({ msgid: 'M3', user: 'zhangsan', text: '结转结余率怎么算' }));
    await fake.waitFor(() => fake.finished(first) !== undefined, 'the answer');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(assistant.turns.length - before).toBe(1);
    expect(fake.replies(second)).toHaveLength(0);
  });

  it('stores 👎 with the answer it rates, and 👍 taken back clears it', async () => {
    const reqId = fake.push(botMessage({ msgid: 'M4', user: 'wangwu', text: '政府采购执行率是多少' }));
    await fake.waitFor(() => fake.finished(reqId) !== undefined, 'the answer');
    const streamId = (fake.replies(reqId)[0]!.stream as { id: string }).id;
    const store = createFeedbackStore(test.db);
    await waitUntil(async () => (await store.get(streamId)) !== undefined);
    fake.push(botEvent({ msgid: 'E1', user: 'wangwu', event: { eventtype: 'feedback_event', feedback_event: { id: streamId, type: 2, content: '数字不对', inaccurate_reason_list: [1] } } }), 'aibot_event_callback');
    await waitUntil(async () => (await store.get(streamId))?.rating === 'down');
    const row = (await store.markedDown()).find((r) => r.feedbackId === streamId)!;
    expect(row).toMatchObject({ question: '政府采购执行率是多少', user: 'wecom-bot:BOT1:wangwu', comment: '数字不对', reasons: [1] });
    expect(row.answer).toContain('收到：政府采购执行率是多少');
    fake.push(botEvent({ msgid: 'E2', user: 'wangwu', event: { eventtype: 'feedback_event', feedback_event: { id: streamId, type: 3 } } }), 'aibot_event_callback');
    await waitUntil(async () => (await store.get(streamId))?.rating === null);
  });

  it('turns a card button into the words it stands for, answered with an active message', async () => {
    const before = fake.pushes('zhangsan').length;
    fake.push(botEvent({ msgid: 'E3', user: 'zhangsan', event: { eventtype: 'template_card_event', template_card_event: { event_key: 'selfeval:draft-problems', task_id: 't1' } } }), 'aibot_event_callback');
    await fake.waitFor(() => fake.pushes('zhangsan').length > before, 'the pushed answer');
    expect(assistant.turns.at(-1)?.text).toBe('/draft 存在问题');
    expect(fake.pushes('zhangsan').at(before)).toMatchObject({ msgtype: 'markdown' });
  });

  it('ignores a bad frame and keeps serving', async () => {
    fake.push({ msgid: 'BAD', msgtype: 'text' }); // no aibotid, no from, no text
    const reqId = fake.push(botMessage({ msgid: 'M5', user: 'zhangsan', text: '帮助' }));
    await fake.waitFor(() => fake.finished(reqId) !== undefined, 'the help');
    expect(String((fake.finished(reqId)!.stream as { content: string }).content)).toContain('我可以帮你检查');
    expect(String((fake.finished(reqId)!.stream as { content: string }).content)).toContain('在群里 @我 提问');
    expect(server.logs.some((l) => l.event === 'wecom-bot.rejected' && l.errorCode === 'bad-frame')).toBe(true);
  });

  it('keeps at most three turns of one user running; the fourth waits for a slot', async () => {
    const slow = new SlowAssistant();
    const db = await createTestDatabase();
    const fake2 = new FakeWecomBotWs({ botId: 'BOT2', secret: 's2' });
    await fake2.start();
    const s2 = await startChannelServer({ db: db.db, assistant: slow, env: { WECOM_BOT_ID: 'BOT2', WECOM_BOT_SECRET: 's2', WECOM_BOT_WS_URL: fake2.url } });
    try {
      await fake2.waitFor(() => fake2.authentications === 1, 'auth');
      const ids = [1, 2, 3, 4].map((n) => fake2.push(botMessage({ bot: 'BOT2', msgid: `Q${n}`, user: 'zhaoliu', text: `问题${n}` })));
      await fake2.waitFor(() => slow.running === 3, 'three running');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slow.running).toBe(3);
      expect(slow.started).toBe(3);
      slow.releaseAll();
      await fake2.waitFor(() => ids.every((id) => fake2.finished(id) !== undefined), 'all four answers');
      expect(slow.maxRunning).toBe(3);
    } finally {
      slow.releaseAll();
      await s2.close();
      await db.dispose();
      await fake2.stop();
    }
  });

  it('a turn queued while the connection drops is answered after the SDK reconnects (pushed: the old req_id is gone)', async () => {
    const slow = new SlowAssistant();
    const db = await createTestDatabase();
    const fake3 = new FakeWecomBotWs({ botId: 'BOT3', secret: 's3' });
    await fake3.start();
    const s3 = await startChannelServer({ db: db.db, assistant: slow, env: { WECOM_BOT_ID: 'BOT3', WECOM_BOT_SECRET: 's3', WECOM_BOT_WS_URL: fake3.url } });
    try {
      await fake3.waitFor(() => fake3.authentications === 1, 'auth');
      const reqId = fake3.push(botMessage({ bot: 'BOT3', msgid: 'R1', user: 'qianqi', text: '总分多少' }));
      await fake3.waitFor(() => slow.running === 1, 'the turn running');
      fake3.dropConnections();
      await fake3.waitFor(() => fake3.authentications === 2, 'the SDK to reconnect', 20_000);
      slow.releaseAll();
      await fake3.waitFor(() => fake3.pushes('qianqi').length > 0, 'the answer pushed after the reconnect', 20_000);
      expect(String((fake3.pushes('qianqi')[0]!.markdown as { content: string }).content)).toContain('总分多少');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(fake3.pushes('qianqi').filter((p) => p.msgtype === 'markdown')).toHaveLength(1); // answered once
      expect(fake3.replies(reqId)[0]).toMatchObject({ stream: { content: '收到，正在处理……' } });
    } finally {
      slow.releaseAll();
      await s3.close();
      await db.dispose();
      await fake3.stop();
    }
  }, 40_000);
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

/** Holds every turn until released, counting how many run at once. */
class SlowAssistant implements TurnHandler {
  running = 0;
  started = 0;
  maxRunning = 0;
  private waiting: Array<() => void> = [];
  private open = false;

  async handle(turn: Turn): Promise<Reply> {
    this.running += 1;
    this.started += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    if (!this.open) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running -= 1;
    return { text: `答复：${turn.text}`, citations: [], findings: [], mode: 'offline', notes: [] };
  }

  releaseAll(): void {
    this.open = true;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}
