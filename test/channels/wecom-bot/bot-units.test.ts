import { describe, expect, it } from 'vitest';
import { createGuardedStream, HELD_BACK } from '../../../src/assistant/llm/guarded-stream.ts';
import { buildEvidence } from '../../../src/assistant/guard/number-trace.ts';
import { createScopeMap, ScopesFileSchema } from '../../../src/channels/scopes.ts';
import { botChatId, botDeliveryKey, BotMessageSchema, botThread, messageWords } from '../../../src/channels/wecom-bot/bot-message.ts';
import { clipToBytes } from '../../../src/channels/wecom-bot/bot-output.ts';
import { fileNameOf } from '../../../src/channels/wecom-bot/download-bot-file.ts';
import { UserSlots } from '../../../src/channels/wecom-bot/user-slots.ts';
import { ConfigError, loadConfig } from '../../../src/config/env.ts';
import { botMessage } from '../../helpers/fake-wecom-bot-ws.ts';

describe('智能机器人 configuration', () => {
  const key = 'a'.repeat(43);
  it.each([
    [{ WECOM_BOT_ID: 'B', WECOM_BOT_SECRET: 's' }, { longConnection: { botId: 'B', secret: 's', wsUrl: 'wss://openws.work.weixin.qq.com' }, callback: undefined }],
    [{ WECOM_BOT_ID: 'B', WECOM_BOT_SECRET: 's', WECOM_BOT_WS_URL: 'wss://ws.example.gov.cn/aibot' }, { longConnection: { botId: 'B', secret: 's', wsUrl: 'wss://ws.example.gov.cn/aibot' }, callback: undefined }],
    [{ WECOM_BOT_TOKEN: 't', WECOM_BOT_ENCODING_AES_KEY: key }, { longConnection: undefined, callback: { token: 't', encodingAesKey: key } }],
    [{ WECOM_BOT_ID: '', WECOM_BOT_SECRET: '' }, undefined],
  ])('reads %j', (env, expected) => {
    expect(loadConfig(env).wecomBot).toEqual(expected);
  });
  it.each([
    [{ WECOM_BOT_ID: 'B' }, /缺少 WECOM_BOT_SECRET/u],
    [{ WECOM_BOT_TOKEN: 't' }, /缺少 WECOM_BOT_ENCODING_AES_KEY/u],
    [{ WECOM_BOT_TOKEN: 't', WECOM_BOT_ENCODING_AES_KEY: 'short' }, /43 位/u],
    [{ WECOM_BOT_WS_URL: 'wss://x' }, /缺少 WECOM_BOT_ID/u],
    [{ WECOM_BOT_ID: 'B', WECOM_BOT_SECRET: 's', WECOM_BOT_WS_URL: 'https://x' }, /ws:\/\/ 或 wss:\/\//u],
  ])('refuses %j in one Chinese sentence', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('智能机器人 scopes', () => {
  const map = createScopeMap(ScopesFileSchema.parse({ wecomBot: { B1: { default: 'finance', chats: { G1: 'education' }, users: { u9: 'health' }, admins: ['boss'] } } }));
  it.each([
    [{ bot: 'B1', chat: 'G1', user: 'u9' }, 'education'], // the group's scope wins in the group
    [{ bot: 'B1', chat: 'G2', user: 'u9' }, 'health'],
    [{ bot: 'B1', user: 'u1' }, 'finance'],
    [{ bot: 'B2', user: 'u1' }, 'wecom-bot-B2'],
    [{ bot: 'B1', chat: '__proto__', user: 'constructor' }, 'finance'],
  ])('%j → %s', (input, scope) => {
    expect(map.wecomBotScope(input)).toBe(scope);
  });
  it('knows bot admins', () => {
    expect(map.isAdmin('wecom-bot:B1:boss')).toBe(true);
    expect(map.isAdmin('wecom-bot:B2:boss')).toBe(false);
  });
});

describe('智能机器人 messages', () => {
  it.each([
    ['@自评助手 为什么扣了2分', '为什么扣了2分'],
    ['@助手 @张三  总分', '总分'],
    ['总分99分对吗', '总分99分对吗'],
    ['  帮助 ', '帮助'],
  ])('words of %j', (text, words) => {
    expect(messageWords(BotMessageSchema.parse(botMessage({ msgid: 'm', user: 'u', text })))).toBe(words);
  });
  it('reads mixed and voice messages as words; keys, threads and chats', () => {
    const mixed = BotMessageSchema.parse({ ...botMessage({ msgid: 'm', user: 'u' }), msgtype: 'mixed', mixed: { msg_item: [{ msgtype: 'text', text: { content: '看看' } }, { msgtype: 'image', image: { url: 'http://x/y' } }] } });
    expect(messageWords(mixed)).toBe('看看');
    const voice = BotMessageSchema.parse({ ...botMessage({ msgid: 'm', user: 'u' }), msgtype: 'voice', voice: { content: '总分多少' } });
    expect(messageWords(voice)).toBe('总分多少');
    const group = BotMessageSchema.parse(botMessage({ msgid: 'm1', user: 'u', chat: 'G', text: 'x' }));
    expect([botDeliveryKey(group), botThread(group), botChatId(group)]).toEqual(['wecom-bot:BOT1:msg:m1', 'wecom-bot:BOT1:group:G', 'G']);
    const single = BotMessageSchema.parse(botMessage({ msgid: 'm2', user: 'u', text: 'x' }));
    expect([botThread(single), botChatId(single)]).toEqual(['wecom-bot:BOT1:u', 'u']);
  });
  it.each([
    [{ msgid: 'm', msgtype: 'text', text: { content: 'x' } }], // no bot, no sender
    [{ msgid: 'm', aibotid: 'B', from: { userid: 'u' }, msgtype: 'text' }], // no text
    [{ msgid: 'm', aibotid: 'B', from: { userid: 'u' }, msgtype: 'file', file: { url: 'not a url' } }],
    [{ msgid: '', aibotid: 'B', from: { userid: 'u' }, msgtype: 'text', text: { content: 'x' } }],
  ])('refuses a bad frame %j', (body) => {
    expect(BotMessageSchema.safeParse(body).success).toBe(false);
  });
});

describe('helpers', () => {
  it('clips to WeCom’s byte limit on a character boundary', () => {
    const text = '数'.repeat(10_000); // 30,000 bytes
    const clipped = clipToBytes(text);
    expect(Buffer.byteLength(clipped, 'utf8')).toBeLessThanOrEqual(20_480);
    expect(clipped.endsWith('（内容过长，已截断）')).toBe(true);
    expect(clipToBytes('短')).toBe('短');
  });
  it.each([
    ["attachment; filename*=UTF-8''%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.docx", '自评报告.docx'],
    ['attachment; filename="report.pdf"', 'report.pdf'],
    ["attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", '.._.._etc_passwd'],
    [null, undefined],
  ])('file name of %j', (header, name) => {
    expect(fileNameOf(header)).toBe(name);
  });
  it('gives each user at most three slots; others are not held', async () => {
    const slots = new UserSlots(3);
    const held = await Promise.all([1, 2, 3].map(() => slots.acquire('a')));
    let fourth = false;
    const waiting = slots.acquire('a').then((release) => {
      fourth = true;
      return release;
    });
    const other = await slots.acquire('b');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fourth).toBe(false);
    held[0]!();
    (await waiting)();
    expect(fourth).toBe(true);
    for (const release of held.slice(1)) release();
    other();
    expect(slots.running('a')).toBe(0);
  });
});

describe('the guarded partial stream', () => {
  const evidence = () => buildEvidence({ report: null, findings: [], citations: [{ source: 'guides/x.md', quote: '政府采购执行率为 107.15%' }], computations: [], question: '', texts: [] });
  it.each([
    // [deltas, what the user saw last]
    [['政府采购执行率为 107.15%。', '请核对。'], '政府采购执行率为 107.15%。请核对。'],
    [['政府采购执行率为 107.', '15%。'], '政府采购执行率为 107.15%。'],
    [['没有写明。', '执行率为 88.88%。', '其余正常。'], `没有写明。\n${HELD_BACK}`],
    [['执行率为 88.88%', '。后面的话。'], HELD_BACK],
    [['还没说完'], undefined],
  ])('%j → %j', (deltas, last) => {
    const seen: string[] = [];
    const stream = createGuardedStream((text) => seen.push(text), evidence);
    for (const delta of deltas) stream.add('m1', delta);
    expect(seen.at(-1)).toBe(last);
    expect(seen.join('')).not.toContain('88.88');
  });
  it('starts over with a new model message', () => {
    const seen: string[] = [];
    const stream = createGuardedStream((text) => seen.push(text), evidence);
    stream.add('m1', '执行率为 88.88%。');
    stream.add('m2', '没有写明。');
    expect(seen).toEqual([HELD_BACK, '没有写明。']);
  });
});
