import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeedbackStore } from '../../../src/store/chat-feedback.ts';
import { botCallbackRequest, botVerificationQuery, FakeResponseUrl, openBotReply, postBotCallback } from '../../helpers/fake-wecom-bot-callback.ts';
import { botEvent, botMessage } from '../../helpers/fake-wecom-bot-ws.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { randomEncodingAesKey } from '../../helpers/wecom-callback.ts';
import { RecordingAssistant } from '../recording-assistant.ts';
import { startChannelServer, type RunningServer } from '../channel-harness.ts';

type Stream = { id: string; finish: boolean; content: string; feedback?: { id: string } };

/** The JSON callback (API mode) against signed, encrypted requests, answered with encrypted passive stream replies. */
describe('WeCom 智能机器人, callback mode', () => {
  const app = { token: 'botToken', encodingAesKey: randomEncodingAesKey() };
  const responseUrl = new FakeResponseUrl();
  const assistant = new RecordingAssistant();
  let test: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    await responseUrl.start();
    test = await createTestDatabase();
    server = await startChannelServer({ db: test.db, assistant, env: { WECOM_BOT_TOKEN: app.token, WECOM_BOT_ENCODING_AES_KEY: app.encodingAesKey } });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await test?.dispose();
    await responseUrl.stop();
  });

  const post = async (message: Record<string, unknown>, options?: Parameters<typeof botCallbackRequest>[2]) => {
    const response = await postBotCallback(server.url, botCallbackRequest(app, message, options));
    return { status: response.status, reply: response.status === 200 ? openBotReply(app, response.text) : undefined };
  };
  /** WeCom's stream refresh: ask for the rest until finish. */
  const refreshUntilFinished = async (message: Record<string, unknown>, id: string) => {
    const seen: Array<Record<string, unknown>> = [];
    for (let i = 0; i < 200; i += 1) {
      const { reply } = await post({ ...message, msgid: `${String(message.msgid)}-r${i}`, msgtype: 'stream', stream: { id } });
      seen.push(reply!);
      if ((reply!.stream as Stream).finish) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('stream never finished');
  };

  it('verifies the URL at once: echostr decrypted with ReceiveId ""', async () => {
    const started = Date.now();
    const response = await fetch(`${server.url}/wecom/bot/callback?${botVerificationQuery(app, 'echo-1234567890')}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('echo-1234567890');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers a one-to-one text with an encrypted stream, refreshed to the final answer with the card', async () => {
    const message = botMessage({ msgid: 'C1', user: 'zhangsan', text: '为什么扣了2分', responseUrl: responseUrl.url('c1') });
    const { status, reply } = await post(message);
    expect(status).toBe(200);
    expect(reply).toMatchObject({ msgtype: 'stream', stream: { finish: false, content: '收到，正在处理……' } });
    const id = (reply!.stream as Stream).id;
    expect((reply!.stream as Stream).feedback?.id).toBe(id);
    const frames = await refreshUntilFinished(message, id);
    const last = frames.at(-1)!;
    expect(last.msgtype).toBe('stream_with_template_card');
    expect((last.stream as Stream).content).toContain('收到：为什么扣了2分');
    expect(last.template_card).toMatchObject({ card_type: 'button_interaction' });
    expect(assistant.turns.at(-1)).toMatchObject({ user: 'wecom-bot:BOT1:zhangsan', scope: 'wecom-bot-BOT1' });
  });

  it('answers a group @mention in the group conversation', async () => {
    const message = botMessage({ msgid: 'C2', user: 'lisi', chat: 'GROUPA', text: '@助手 总分多少' });
    const { reply } = await post(message);
    await refreshUntilFinished(message, (reply!.stream as Stream).id);
    expect(assistant.turns.at(-1)).toMatchObject({ text: '总分多少', thread: 'wecom-bot:BOT1:group:GROUPA' });
  });

  it('a resent msgid is answered from the same stream, not run again', async () => {
    const message = botMessage({ msgid: 'C3', user: 'zhangsan', text: '结转结余率怎么算' });
    const before = assistant.turns.length;
    const first = await post(message);
    const again = await post(message);
    expect((again.reply!.stream as Stream).id).toBe((first.reply!.stream as Stream).id);
    await refreshUntilFinished(message, (first.reply!.stream as Stream).id);
    expect(assistant.turns.length - before).toBe(1);
  });

  it('stores 👎 from a feedback event with the answer', async () => {
    const message = botMessage({ msgid: 'C4', user: 'wangwu', text: '政府采购执行率' });
    const { reply } = await post(message);
    const id = (reply!.stream as Stream).id;
    await refreshUntilFinished(message, id);
    const store = createFeedbackStore(test.db);
    for (let i = 0; i < 100 && !(await store.get(id)); i += 1) await new Promise((resolve) => setTimeout(resolve, 30));
    const event = await post(botEvent({ msgid: 'CE1', user: 'wangwu', event: { eventtype: 'feedback_event', feedback_event: { id, type: 2, inaccurate_reason_list: [2] } } }));
    expect(event).toEqual({ status: 200, reply: undefined });
    expect(await store.get(id)).toMatchObject({ rating: 'down', question: '政府采购执行率', reasons: [2] });
  });

  it('a card button is answered later through the message’s response_url', async () => {
    const before = responseUrl.posted.length;
    const event = { ...botEvent({ msgid: 'CE2', user: 'zhangsan', event: { eventtype: 'template_card_event', template_card_event: { event_key: 'selfeval:detail', task_id: 't' } } }), response_url: responseUrl.url('ce2') };
    expect((await post(event)).status).toBe(200);
    for (let i = 0; i < 200 && responseUrl.posted.length === before; i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(responseUrl.posted.at(-1)).toMatchObject({ path: '/cgi-bin/aibot/response?response_code=ce2', body: { msgtype: 'markdown' } });
    expect(assistant.turns.at(-1)?.text).toBe('详情');
  });

  it('refuses forged signatures, stale timestamps and bad bodies, and processes none of them', async () => {
    const before = assistant.turns.length;
    expect((await post(botMessage({ msgid: 'X1', user: 'mallory', text: '你好' }), { signWith: 'not-the-token' })).status).toBe(401);
    expect((await post(botMessage({ msgid: 'X2', user: 'mallory', text: '你好' }), { timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(403);
    const garbage = await fetch(`${server.url}/wecom/bot/callback?${botCallbackRequest(app, {}).query}`, { method: 'POST', body: 'not json' });
    expect(garbage.status).toBe(400);
    expect((await post({ msgid: 'X3', msgtype: 'text' })).status).toBe(400); // decrypts, but not a 智能机器人 message
    const echo = await fetch(`${server.url}/wecom/bot/callback?${botVerificationQuery({ ...app, token: 'forged' }, 'x')}`);
    expect(echo.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(assistant.turns.length).toBe(before);
  });
});
