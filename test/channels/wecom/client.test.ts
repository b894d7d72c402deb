import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { WecomClient } from '../../../src/channels/wecom/client.ts';
import { splitByBytes } from '../../../src/channels/wecom/split-message.ts';
import { FakeWecomApi } from '../../helpers/fake-wecom-api.ts';
import { readSampleReportText } from '../../helpers/sample-report.ts';

describe('splitByBytes', () => {
  it('splits the real sample report at line breaks into pieces within the byte limit, losing no text', () => {
    const report = readSampleReportText();
    const pieces = splitByBytes(report, 2048);
    expect(pieces.length).toBeGreaterThan(3);
    for (const piece of pieces) expect(Buffer.byteLength(piece)).toBeLessThanOrEqual(2048);
    expect(pieces.join('').replace(/\s/g, '')).toBe(report.replace(/\s/g, ''));
  });

  it('cuts a single long line between characters, never inside a multi-byte character', () => {
    const line = '绩效'.repeat(1000); // 6000 bytes, no line break
    const pieces = splitByBytes(line, 4096);
    expect(pieces.map((p) => Buffer.byteLength(p))).toEqual([4095, 1905]);
    expect(pieces.join('')).toBe(line);
  });
});

describe('WecomClient against a fake WeCom API', () => {
  const api = new FakeWecomApi('ww-test-corp', 'app-secret');
  let now = 1_000_000;
  let client: WecomClient;

  beforeAll(async () => {
    await api.start();
  });
  afterAll(async () => {
    await api.stop();
  });
  beforeEach(() => {
    client = new WecomClient({ corpId: 'ww-test-corp', agentId: '1000002', secret: 'app-secret', apiBase: api.url, now: () => now });
  });

  it('caches the access token until shortly before it expires', async () => {
    const before = api.gettokenCalls;
    await Promise.all([client.sendText('zhangsan', '一'), client.sendText('zhangsan', '二'), client.sendText('lisi', '三')]);
    expect(api.gettokenCalls - before).toBe(1);
    now += 6000_000; // 100 minutes later: still valid (7200 s, refreshed 5 minutes early)
    await client.sendText('zhangsan', '四');
    expect(api.gettokenCalls - before).toBe(1);
    now += 1000_000; // 116 minutes: inside the 5-minute margin
    await client.sendText('zhangsan', '五');
    expect(api.gettokenCalls - before).toBe(2);
  });

  it('refreshes the token and retries once when WeCom answers 42001 (expired)', async () => {
    await client.sendText('zhangsan', '第一条');
    api.expireTokens();
    const before = api.gettokenCalls;
    await client.sendText('zhangsan', '第二条');
    expect(api.gettokenCalls - before).toBe(1);
    expect(api.sent.at(-1)).toMatchObject({ touser: 'zhangsan', msgtype: 'text', content: '第二条', agentid: 1000002 });
  });

  it('splits long markdown at 4096 bytes and long text at 2048 bytes, so WeCom accepts every piece', async () => {
    const report = readSampleReportText();
    const start = api.sent.length;
    await client.sendMarkdown('zhangsan', report);
    const markdown = api.sent.slice(start);
    expect(markdown.every((m) => m.msgtype === 'markdown' && Buffer.byteLength(m.content) <= 4096)).toBe(true);
    expect(markdown.length).toBe(splitByBytes(report, 4096).length);
    const textStart = api.sent.length;
    await client.sendText('zhangsan', report);
    expect(api.sent.slice(textStart).every((m) => Buffer.byteLength(m.content) <= 2048)).toBe(true);
    expect(api.rejectedSends).toBe(0);
  });

  it('downloads a file with media/get, taking the name from Content-Disposition', async () => {
    const bytes = new TextEncoder().encode(readSampleReportText());
    api.addMedia('MEDIA_REPORT', '乐昌市2024年度自评报告.txt', bytes);
    const media = await client.getMedia('MEDIA_REPORT');
    expect(media.name).toBe('乐昌市2024年度自评报告.txt');
    expect(Buffer.from(media.bytes).equals(Buffer.from(bytes))).toBe(true);
    await expect(client.getMedia('NO_SUCH_MEDIA')).rejects.toMatchObject({ code: 'wecom-api-error', errcode: 40007 });
  });

  it('uploads a file and sends it as a file message', async () => {
    await client.sendFile('zhangsan', '存在问题.txt', new TextEncoder().encode('一是……'));
    expect(api.uploads.at(-1)?.bytes).toBeGreaterThan(0);
    expect(api.sent.at(-1)).toMatchObject({ msgtype: 'file', content: api.uploads.at(-1)?.mediaId });
  });

  it('reads and caches a member’s departments', async () => {
    api.setDepartments('wangwu', [7, 3]);
    expect(await client.userDepartments('wangwu')).toEqual([7, 3]);
    api.setDepartments('wangwu', [9]);
    expect(await client.userDepartments('wangwu')).toEqual([7, 3]);
  });

  it('fails with a coded error on a wrong secret', async () => {
    const wrong = new WecomClient({ corpId: 'ww-test-corp', agentId: '1', secret: 'wrong', apiBase: api.url });
    await expect(wrong.sendText('zhangsan', 'x')).rejects.toMatchObject({ code: 'wecom-api-error', errcode: 40001 });
  });
});
