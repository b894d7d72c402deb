import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWecomApi } from '../../helpers/fake-wecom-api.ts';
import { readSampleReportText } from '../../helpers/sample-report.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import {
  callbackRequest,
  eventXml,
  fileMessageXml,
  postWecom,
  randomEncodingAesKey,
  tamperSignature,
  textMessageXml,
  verificationQuery,
  WECOM_OFFICIAL_SAMPLE as SAMPLE,
} from '../../helpers/wecom-callback.ts';
import { RecordingAssistant } from '../recording-assistant.ts';
import { outcomes, startChannelServer, wecomEnv, type RunningServer } from '../channel-harness.ts';

describe('WeCom callback over HTTP against a fake WeCom API', () => {
  const app = { token: 'wecomToken123', corpId: 'ww0011223344556677', encodingAesKey: randomEncodingAesKey() };
  const api = new FakeWecomApi(app.corpId, 'app-secret');
  const assistant = new RecordingAssistant({ failFirst: 1 });
  let test: TestDatabase;
  let one: RunningServer;
  let two: RunningServer;
  let sample: RunningServer;

  beforeAll(async () => {
    await api.start();
    test = await createTestDatabase();
    const scopesFile = join(mkdtempSync(join(tmpdir(), 'selfeval-scopes-')), 'scopes.json');
    writeFileSync(scopesFile, JSON.stringify({ wecom: { [app.corpId]: { default: 'lechang', departments: { '7': 'lechang-education' } } } }));
    const env = wecomEnv(app, api.url, { SCOPES_FILE: scopesFile });
    one = await startChannelServer({ db: test.db, assistant, env });
    two = await startChannelServer({ db: test.db, assistant, env });
    sample = await startChannelServer({ db: test.db, assistant, env: wecomEnv(SAMPLE, api.url) });
  });
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close(), sample?.close()]);
    await test?.dispose();
    await api.stop();
  });

  it("verifies WeCom's official sample URL and returns the plain echostr; a tampered signature gets 401", async () => {
    const ok = await fetch(`${sample.url}/wecom/callback?${SAMPLE.query}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(SAMPLE.echo);
    const tampered = await fetch(`${sample.url}/wecom/callback?${SAMPLE.query.replace('5c45ff5e', '5c45ff5f')}`);
    expect(tampered.status).toBe(401);
    expect(await tampered.text()).toBe('');
  });

  it('verifies a URL for its own corp and refuses one encrypted for another corp (403)', async () => {
    expect(await (await fetch(`${one.url}/wecom/callback?${verificationQuery(app, '8412953376198200411')}`)).text()).toBe('8412953376198200411');
    expect((await fetch(`${one.url}/wecom/callback?${verificationQuery(app, '1', 'ww-other')}`)).status).toBe(403);
  });

  it('answers a text message with an empty 200 at once, then replies through message/send as markdown', async () => {
    const before = api.sent.length;
    api.setDepartments('zhangsan', [3, 7]);
    const response = await postWecom(one.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'zhangsan', content: '总分99分对吗', msgId: '7000000000000000001' })));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    await api.waitFor(() => api.sent.length > before, 'the reply');
    const reply = api.sent.at(-1)!;
    expect(reply).toMatchObject({ touser: 'zhangsan', msgtype: 'markdown', agentid: 1000002 });
    expect(reply.content).toContain('收到：总分99分对吗');
    expect(reply.content).toContain('第125行：政府采购执行率应为 107.15%');
    expect(reply.content).toContain('guides/政府采购执行率.md 第3行');
    expect(assistant.turns.at(-1)).toMatchObject({
      text: '总分99分对吗',
      user: `wecom:${app.corpId}:zhangsan`,
      thread: `wecom:${app.corpId}:zhangsan`,
      scope: 'lechang-education', // department 7 is mapped; department 3 is not
    });
  });

  it('fetches a report sent as a file with media/get and passes it on as the conversation’s report', async () => {
    const bytes = new TextEncoder().encode(readSampleReportText());
    api.addMedia('MEDIA_REPORT_1', 'media-name.txt', bytes);
    const before = api.sent.length;
    await postWecom(one.url, callbackRequest(app, fileMessageXml({ corpId: app.corpId, user: 'lisi', mediaId: 'MEDIA_REPORT_1', fileName: '乐昌自评报告.txt', msgId: '7000000000000000002' })));
    await api.waitFor(() => api.sent.length > before, 'the reply to the file');
    const turn = assistant.turns.at(-1)!;
    expect(turn.text).toBe('/check');
    expect(turn.scope).toBe('lechang');
    expect(turn.attachments.map((a) => a.name)).toEqual(['乐昌自评报告.txt']);
    expect(Buffer.from(turn.attachments[0]!.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('tells the user when a file cannot be fetched, without failing the delivery', async () => {
    const before = api.sent.length;
    await postWecom(one.url, callbackRequest(app, fileMessageXml({ corpId: app.corpId, user: 'lisi', mediaId: 'MEDIA_GONE', msgId: '7000000000000000003' })));
    await api.waitFor(() => api.sent.length > before, 'the notice');
    expect(api.sent.at(-1)).toMatchObject({ msgtype: 'text', content: '抱歉，没能取到这个文件，请重新上传后再试。' });
  });

  it('delivers exactly one reply for 20 MsgIds each delivered 5 times across two instances', async () => {
    const before = api.sent.length;
    const posts: Promise<Response>[] = [];
    for (let i = 0; i < 20; i += 1) {
      const msgId = String(7100000000000000000n + BigInt(i));
      const xml = textMessageXml({ corpId: app.corpId, user: `user${i}`, content: `问题${i}`, msgId });
      for (let delivery = 0; delivery < 5; delivery += 1) {
        posts.push(postWecom((delivery % 2 === 0 ? one : two).url, callbackRequest(app, xml))); // each retry freshly signed
      }
    }
    expect((await Promise.all(posts)).every((r) => r.status === 200)).toBe(true);
    await api.waitFor(() => outcomes([one, two], `wecom:${app.corpId}:msg:71`) === 100, 'all 100 deliveries to be settled');
    const replies = api.sent.slice(before);
    expect(replies).toHaveLength(20);
    expect(new Set(replies.map((r) => r.touser)).size).toBe(20);
  });

  it('dedupes events on FromUserName + CreateTime + Event', async () => {
    const before = api.sent.length;
    const xml = eventXml({ corpId: app.corpId, user: 'wangwu', event: 'subscribe', createTime: 1700000123 });
    await Promise.all([postWecom(one.url, callbackRequest(app, xml)), postWecom(two.url, callbackRequest(app, xml)), postWecom(one.url, callbackRequest(app, xml))]);
    await api.waitFor(() => outcomes([one, two], `wecom:${app.corpId}:event:wangwu:1700000123`) === 3, 'three deliveries to settle');
    expect(api.sent.slice(before).map((m) => m.touser)).toEqual(['wangwu']);
    expect(api.sent.at(-1)!.content).toContain('我可以帮你检查');
  });

  it('tells the user in Chinese when the assistant fails mid-turn and re-runs the delivery when WeCom retries it', async () => {
    const before = api.sent.length;
    const xml = textMessageXml({ corpId: app.corpId, user: 'zhaoliu', content: '模型故障', msgId: '7200000000000000001' });
    await postWecom(one.url, callbackRequest(app, xml));
    await api.waitFor(() => api.sent.length > before, 'the error message');
    expect(api.sent.at(-1)).toMatchObject({ touser: 'zhaoliu', msgtype: 'text', content: '抱歉，处理时出错了，请稍后再试。' });
    expect((await fetch(`${one.url}/healthz`)).status).toBe(200);
    await postWecom(two.url, callbackRequest(app, xml));
    await api.waitFor(() => api.sent.length > before + 1, 'the answer on retry');
    expect(api.sent.at(-1)!.content).toContain('收到：模型故障');
  });

  it('survives WeCom refusing the reply: the delivery is marked failed, the server stays up', async () => {
    api.failSends(2); // the answer and the error notice both fail
    await postWecom(one.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'sunqi', content: '你好', msgId: '7300000000000000001' })));
    await api.waitFor(() => outcomes([one], `wecom:${app.corpId}:msg:7300000000000000001`) === 1, 'the delivery to settle');
    const { rows } = await test.db.query<{ status: string; error_code: string }>(`SELECT status, error_code FROM deliveries WHERE key = $1`, [
      `wecom:${app.corpId}:msg:7300000000000000001`,
    ]);
    expect(rows).toEqual([{ status: 'failed', error_code: 'wecom-api-error' }]);
    expect((await fetch(`${one.url}/healthz`)).status).toBe(200);
  });

  it('rejects bad signatures, a wrong receive id, malformed and oversized bodies with 4xx and never processes them', async () => {
    const turns = assistant.turns.length;
    const good = callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'evil', content: '不该处理', msgId: '7400000000000000001' }));
    const cases: Array<[string, Promise<Response>, number]> = [
      ['bad signature', postWecom(one.url, { ...good, query: tamperSignature(good.query) }), 401],
      ['another corp', postWecom(one.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'evil', content: 'x', msgId: '7400000000000000002' }), { receiveId: 'ww-other' })), 403],
      ['not XML', postWecom(one.url, { query: good.query, body: 'hello' }), 400],
      ['truncated XML', postWecom(one.url, { query: good.query, body: good.body.slice(0, 60) }), 400],
      ['no query', fetch(`${one.url}/wecom/callback`, { method: 'POST', body: good.body }), 400],
      ['oversized', postWecom(one.url, { query: good.query, body: `<xml><Encrypt>${'A'.repeat(300 * 1024)}</Encrypt></xml>` }), 413],
    ];
    for (const [name, response, status] of cases) expect([name, (await response).status]).toEqual([name, status]);
    const rejected = [one].flatMap((s) => s.logs).filter((l) => l.event === 'wecom.rejected');
    expect(rejected.length).toBeGreaterThanOrEqual(cases.length);
    expect(assistant.turns.length).toBe(turns);
    expect((await fetch(`${one.url}/healthz`)).status).toBe(200);
  });
});
