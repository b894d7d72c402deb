import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAssistant, type OpenedAssistant } from '../../../src/assistant/open-assistant.ts';
import { loadConfig } from '../../../src/config/env.ts';
import { botMessage, FakeWecomBotWs } from '../../helpers/fake-wecom-bot-ws.ts';
import { botCallbackRequest, openBotReply, postBotCallback } from '../../helpers/fake-wecom-bot-callback.ts';
import { randomEncodingAesKey } from '../../helpers/wecom-callback.ts';
import { startFakeOpenAIChat, type FakeOpenAIChat } from '../../helpers/fake-openai-chat.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { startChannelServer, type RunningServer } from '../channel-harness.ts';

const INVENTED = '77.77';
const FIRST = `根据评分细则，预算执行类指标按执行数和预算数计算。本单位预算执行率为 ${INVENTED}%，表现良好。还需要结合年度目标核对。`;
const SECOND = '根据评分细则，预算执行类指标按执行数和预算数计算。报告里没有写明本单位的执行数，请先上传报告再核对。';

/**
 * A model answer streams over the long connection as the model writes it (SSE from the fake OpenAI server), and the
 * number guard decides what is final: the sentence with an invented number is held back while streaming, and the
 * answer the guard accepts (the model's corrected one, or the offline answer) closes the stream. The invented number
 * is in no frame the user sees.
 */
describe('WeCom 智能机器人: a streamed model answer through the number guard', () => {
  const fake = new FakeWecomBotWs({ botId: 'BOTM', secret: 'model-secret' });
  const app = { token: 'modelToken', encodingAesKey: randomEncodingAesKey() };
  let chat: FakeOpenAIChat;
  let test: TestDatabase;
  let opened: OpenedAssistant;
  let server: RunningServer;

  beforeAll(async () => {
    await fake.start();
    // The first answer invents a number; after the guard's feedback the second does not.
    chat = await startFakeOpenAIChat((request) => {
      const guarded = request.messages.some((m) => typeof m.content === 'string' && m.content.includes(INVENTED) && m.role === 'user');
      // Paced like a model writing, so the stream shows what was written so far (not one burst under load).
      return { kind: 'text', content: guarded ? SECOND : FIRST, chunkMs: 20 };
    });
    test = await createTestDatabase();
    const env = { WECOM_BOT_ID: 'BOTM', WECOM_BOT_SECRET: 'model-secret', WECOM_BOT_WS_URL: fake.url, WECOM_BOT_TOKEN: app.token, WECOM_BOT_ENCODING_AES_KEY: app.encodingAesKey, CHAT_MODEL: 'fake-model', OPENAI_BASE_URL: chat.baseURL, OPENAI_API_KEY: 'k' };
    opened = await openAssistant(loadConfig({ ...env, SELFEVAL_DATA_DIR: test.config.dataDir }), { memory: 'store', ensureBundled: true });
    server = await startChannelServer({ db: test.db, assistant: opened.assistant, env });
    await fake.waitFor(() => fake.authentications === 1, 'the SDK to authenticate');
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await opened?.close();
    await test?.dispose();
    await chat?.close();
    await fake.stop();
  });

  it('streams the traced sentences, never the invented number, and closes with the guarded answer', async () => {
    const reqId = fake.push(botMessage({ bot: 'BOTM', msgid: 'LLM1', user: 'caiwu', text: '预算执行率怎么评分' }));
    await fake.waitFor(() => fake.finished(reqId) !== undefined, 'the finished stream', 90_000);
    expect(chat.requests.every((r) => r.stream === true)).toBe(true); // the model answer was streamed (SSE)
    const contents = fake.streamContents(reqId);
    for (const content of contents) expect(content).not.toContain(INVENTED);
    // While the model wrote, the sentence before the invented number was shown, then held back with a note.
    expect(contents.some((c) => c.startsWith('根据评分细则，预算执行类指标按执行数和预算数计算。') && c.includes('正在核对数字'))).toBe(true);
    // What closes the stream is the guard's decision: the model's corrected answer, or the offline answer with a note.
    const final = contents.at(-1)!;
    expect(final).toMatch(/报告里没有写明本单位的执行数|以下为离线回答/u);
  }, 120_000);

  it('callback mode: no refresh ever shows the invented number', async () => {
    const message = botMessage({ bot: 'BOTM', msgid: 'LLM2', user: 'caiwu2', text: '预算执行率怎么评分' });
    const first = openBotReply(app, (await postBotCallback(server.url, botCallbackRequest(app, message))).text)!;
    const id = (first.stream as { id: string }).id;
    const seen: string[] = [];
    for (let i = 0; i < 2000; i += 1) {
      const response = await postBotCallback(server.url, botCallbackRequest(app, { ...message, msgid: `LLM2-r${i}`, msgtype: 'stream', stream: { id } }));
      const stream = openBotReply(app, response.text)!.stream as { content: string; finish: boolean };
      seen.push(stream.content);
      if (stream.finish) break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(seen.at(-1)).toMatch(/报告里没有写明本单位的执行数|以下为离线回答/u);
    for (const content of seen) expect(content).not.toContain(INVENTED);
  }, 120_000);
});
