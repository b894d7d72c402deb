import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAssistant, type OpenedAssistant } from '../../../src/assistant/open-assistant.ts';
import { loadConfig } from '../../../src/config/env.ts';
import { withFileReplies } from '../../../src/assistant/file-requests/file-replies.ts';
import { figuresFromReport } from '../../../src/drafting/workbook/report-to-figures.ts';
import { writeFiguresWorkbook } from '../../../src/drafting/workbook/write-workbook.ts';
import { readReportBytes } from '../../../src/report/parse-report.ts';
import { bombDocx } from '../../reliability/hostile-zip.ts';
import { botMessage, FakeWecomBotWs } from '../../helpers/fake-wecom-bot-ws.ts';
import { readSampleReportText } from '../../helpers/sample-report.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { startChannelServer, type RunningServer } from '../channel-harness.ts';

/**
 * Files one-to-one through the real SDK and the real assistant (offline): a figures workbook → 起草全文 → the drafted
 * .docx uploaded back; that .docx sent back → checked and loaded → 批注 → the annotated copy uploaded back. A file
 * and the words about it are two messages on a 智能机器人, so 起草全文/批注 use the conversation's last file.
 */
describe('WeCom 智能机器人: files in and out', () => {
  const fake = new FakeWecomBotWs({ botId: 'BOTF', secret: 'files-secret' });
  let test: TestDatabase;
  let opened: OpenedAssistant;
  let server: RunningServer;

  beforeAll(async () => {
    await fake.start();
    test = await createTestDatabase();
    const env = { WECOM_BOT_ID: 'BOTF', WECOM_BOT_SECRET: 'files-secret', WECOM_BOT_WS_URL: fake.url };
    opened = await openAssistant(loadConfig({ ...env, SELFEVAL_DATA_DIR: test.config.dataDir }), { memory: 'store', ensureBundled: true });
    server = await startChannelServer({ db: test.db, assistant: withFileReplies(opened.assistant, opened.rubric), env });
    await fake.waitFor(() => fake.authentications === 1, 'the SDK to authenticate');
  }, 240_000);
  afterAll(async () => {
    await server?.close();
    await opened?.close();
    await test?.dispose();
    await fake.stop();
  });

  const send = (msgid: string, body: { text?: string; file?: { url: string; aeskey: string } }) =>
    fake.push(botMessage({ bot: 'BOTF', msgid, user: 'caiwu', ...body }));
  const finalText = (reqId: string) => String((fake.finished(reqId)!.stream as { content: string }).content);
  const uploadsNamed = (pattern: RegExp) => [...fake.uploads.values()].filter((u) => pattern.test(u.filename));

  it('workbook → 起草全文 → .docx back; that .docx → check → 批注 → annotated copy back', async () => {
    const parsed = await readReportBytes('报告.txt', new TextEncoder().encode(readSampleReportText()));
    if (!parsed.ok) throw new Error('sample did not parse');
    const workbook = await writeFiguresWorkbook(figuresFromReport(parsed.report));

    const sentBook = send('F1', { file: fake.addFile('数据.xlsx', workbook) });
    await fake.waitFor(() => fake.finished(sentBook) !== undefined, 'the answer to the workbook', 60_000);
    expect(fake.replies(sentBook)[0]).toMatchObject({ stream: { content: '收到文件，正在读取和检查……' } });

    const draft = send('F2', { text: '起草全文' });
    await fake.waitFor(() => fake.finished(draft) !== undefined && uploadsNamed(/\.docx$/u).length === 1, 'the drafted report', 60_000);
    expect(finalText(draft)).toContain('已按数据表起草整份自评报告');
    const docx = uploadsNamed(/\.docx$/u)[0]!;
    const back = await readReportBytes(docx.filename, docx.bytes);
    expect(back.ok && back.report.statedTotals[0]?.value).toBe(99);
    expect(fake.pushes('caiwu').some((p) => p.msgtype === 'file')).toBe(true);

    const sentDocx = send('F3', { file: fake.addFile(docx.filename, docx.bytes) });
    await fake.waitFor(() => fake.finished(sentDocx) !== undefined, 'the check of the .docx', 60_000);
    expect(finalText(sentDocx)).not.toContain('抱歉');
    expect(finalText(sentDocx)).toMatch(/99/u);

    const annotate = send('F4', { text: '批注' });
    await fake.waitFor(() => fake.finished(annotate) !== undefined && uploadsNamed(/批注版\.docx$/u).length === 1, 'the annotated copy', 60_000);
    const annotated = uploadsNamed(/批注版\.docx$/u)[0]!;
    const zip = await JSZip.loadAsync(annotated.bytes);
    expect(zip.file('word/document.xml')).not.toBeNull();
    expect(finalText(annotate)).toMatch(/批注|没有发现错误和警告/u);
  }, 180_000);

  it('a zip bomb sent as a file gets one Chinese sentence, and the server answers the next message', async () => {
    const bomb = send('F5', { file: fake.addFile('炸弹.docx', await bombDocx(300)) });
    await fake.waitFor(() => fake.finished(bomb) !== undefined, 'the answer to the bomb', 60_000);
    expect(finalText(bomb)).toMatch(/^没能加载“炸弹\.docx”：.*(压缩|解压)/u);
    const next = send('F6', { text: '帮助' });
    await fake.waitFor(() => fake.finished(next) !== undefined, 'the next answer', 30_000);
  }, 90_000);
});
