import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAssistant, type OpenedAssistant } from '../../src/assistant/open-assistant.ts';
import { loadConfig } from '../../src/config/env.ts';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { callbackRequest, fileMessageXml, postWecom, randomEncodingAesKey, textMessageXml } from '../helpers/wecom-callback.ts';
import { SLACK_SECRET, slackEnv, startChannelServer, wecomEnv, type RunningServer } from './channel-harness.ts';

/** The real assistant (offline mode, real knowledge base) behind both channels, on the real sample report. */
describe('end to end: Slack and WeCom with the real assistant on the sample report', () => {
  const slackApi = new FakeSlackApi();
  const app = { token: 'e2eToken', corpId: 'wwe2e000000000001', encodingAesKey: randomEncodingAesKey() };
  const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
  const report = new TextEncoder().encode(readSampleReportText());
  let test: TestDatabase;
  let opened: OpenedAssistant;
  let server: RunningServer;

  beforeAll(async () => {
    await Promise.all([slackApi.start(), wecomApi.start()]);
    test = await createTestDatabase();
    const scopesFile = join(mkdtempSync(join(tmpdir(), 'selfeval-scopes-')), 'scopes.json');
    writeFileSync(scopesFile, JSON.stringify({ slack: { T0001: { channels: { CFIN: 'lechang-finance', CEDU: 'lechang-education' } } } }));
    const env = { ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url), SCOPES_FILE: scopesFile };
    opened = await openAssistant(loadConfig({ ...env, SELFEVAL_DATA_DIR: test.config.dataDir }), { memory: 'store', ensureBundled: true });
    server = await startChannelServer({ db: test.db, assistant: opened.assistant, env });
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await opened?.close();
    await test?.dispose();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
  });

  const lastText = () => JSON.stringify(slackApi.messages.at(-1)?.blocks ?? []);

  it('loads a report shared into a Slack thread, explains the lost points there, and nowhere else', async () => {
    slackApi.addFile({ id: 'FSAMPLE', name: '乐昌市2024年度部门整体支出绩效自评报告.txt', bytes: report, channel: 'CFIN', ts: '1700001000.000002', threadTs: '1700001000.000001' });
    let before = slackApi.messages.length;
    await postSlack(`${server.url}/slack/events`, slackEventBody({ eventId: 'EvE2E1', event: { type: 'file_shared', file_id: 'FSAMPLE', user_id: 'U0001', channel_id: 'CFIN' } }), { secret: SLACK_SECRET });
    await slackApi.waitFor(() => slackApi.messages.length > before, 'the reply to the upload', 60_000);
    expect(slackApi.messages.at(-1)).toMatchObject({ channel: 'CFIN', thread_ts: '1700001000.000001' });
    expect(lastText()).not.toContain('抱歉，处理时出错了');

    before = slackApi.messages.length;
    const ask = (eventId: string, channel: string, threadTs: string) =>
      slackEventBody({ eventId, event: { type: 'app_mention', user: 'U0001', text: '<@UBOT> 为什么扣了2分', ts: `${threadTs.slice(0, -1)}9`, thread_ts: threadTs, channel } });
    await postSlack(`${server.url}/slack/events`, ask('EvE2E2', 'CFIN', '1700001000.000001'), { secret: SLACK_SECRET });
    await slackApi.waitFor(() => slackApi.messages.length > before, 'the answer in the thread', 60_000);
    const answer = lastText();
    expect(answer).toContain('部门预算资金支出率');
    expect(answer).toContain('政府采购执行率');
    expect(answer).toContain('58.48%');

    // Another channel (another scope, another thread): the report uploaded in CFIN is not visible there.
    before = slackApi.messages.length;
    await postSlack(`${server.url}/slack/events`, ask('EvE2E3', 'CEDU', '1700002000.000001'), { secret: SLACK_SECRET });
    await slackApi.waitFor(() => slackApi.messages.length > before, 'the answer in the other channel', 60_000);
    expect(slackApi.messages.at(-1)).toMatchObject({ channel: 'CEDU' });
    expect(lastText()).not.toContain('58.48%');
  }, 120_000);

  it('loads a report sent as a WeCom file and answers 总分99分对吗 with the breakdown', async () => {
    wecomApi.addMedia('MEDIA_SAMPLE', 'report.txt', report);
    let before = wecomApi.sent.length;
    await postWecom(server.url, callbackRequest(app, fileMessageXml({ corpId: app.corpId, user: 'zhangsan', mediaId: 'MEDIA_SAMPLE', fileName: '乐昌自评报告.txt', msgId: '7500000000000000001' })));
    await wecomApi.waitFor(() => wecomApi.sent.length > before, 'the reply to the file', 60_000);
    expect(wecomApi.sent.at(-1)!.content).not.toContain('抱歉，处理时出错了');

    before = wecomApi.sent.length;
    await postWecom(server.url, callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'zhangsan', content: '总分99分对吗', msgId: '7500000000000000002' })));
    // The reply to the file may still be arriving in several parts (split at WeCom's length limit): wait for the answer itself.
    const sentSince = () => wecomApi.sent.slice(before).map((m) => m.content).join('\n');
    await wecomApi.waitFor(() => /28 \+ 38 \+ 30 \+ 3 = 99/.test(sentSince()), 'the answer with the breakdown', 60_000);
    const answer = sentSince();
    expect(wecomApi.sent.at(-1)!.msgtype).toBe('markdown');
    expect(answer).toContain('99');
    expect(answer).toContain('28');
    expect(answer).toContain('38');
  }, 120_000);
});
