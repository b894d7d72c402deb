import { webApi } from '@slack/bolt';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, Turn } from '../../src/assistant/turn.js';
import { WecomClient } from '../../src/channels/wecom/client.js';
import { sendWecom } from '../../src/channels/wecom/on-message.js';
import { postSlackReply } from '../../src/channels/slack/post-slack-reply.js';
import { fileRequestOf, withFileReplies } from '../../src/assistant/file-requests/file-replies.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { FakeSlackApi } from '../helpers/fake-slack-api.js';
import { FakeWecomApi } from '../helpers/fake-wecom-api.js';
import { readSampleReportText } from '../helpers/sample-report.js';
import { figuresFromReport } from '../../src/drafting/workbook/report-to-figures.js';
import { writeFiguresWorkbook } from '../../src/drafting/workbook/write-workbook.js';

const turn = (text: string, attachments: Turn['attachments'] = []): Turn => ({ text, user: 'slack:T1:U1', scope: 'public', thread: 'slack:C1:1', attachments });
const fallback: Reply = { text: '普通回答', citations: [], findings: [], mode: 'offline', notes: [] };
const plainAssistant = { handle: async () => fallback };

describe('file requests in chat', () => {
  it('tells file requests from other messages', () => {
    const xlsx = { name: '数据.xlsx', bytes: new Uint8Array([1]) };
    const docx = { name: '报告.docx', bytes: new Uint8Array([1]) };
    expect(fileRequestOf(turn('给我模板'))).toBe('template');
    expect(fileRequestOf(turn('起草全文', [xlsx]))).toBe('draft');
    expect(fileRequestOf(turn('帮我批注', [docx]))).toBe('annotate');
    expect(fileRequestOf(turn('起草全文'))).toBeNull(); // no workbook: the assistant explains
    expect(fileRequestOf(turn('模板里的收支表怎么填？'))).toBeNull();
    expect(fileRequestOf(turn('检查一下', [docx]))).toBeNull();
  });

  it('answers 给我模板, 起草全文 + 数据表 and 批注 + 报告 with files; anything else goes to the assistant', async () => {
    const rubric = await loadRubric();
    const assistant = withFileReplies(plainAssistant, rubric);
    const template = await assistant.handle(turn('给我模板'));
    expect(template.files?.[0]?.name).toBe('数据.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(template.files![0]!.bytes) as unknown as ArrayBuffer);
    expect(book.worksheets.map((s) => s.name)).toContain('指标得分');

    const parsed = await readReportBytes('报告.txt', new TextEncoder().encode(readSampleReportText()));
    if (!parsed.ok) throw new Error('sample did not parse');
    const workbook = await writeFiguresWorkbook(figuresFromReport(parsed.report));
    const drafted = await assistant.handle(turn('起草全文', [{ name: '数据.xlsx', bytes: workbook }]));
    expect(drafted.text).toContain('总分 99，错误 0 个');
    const docx = drafted.files![0]!;
    expect(docx.name).toMatch(/\.docx$/u);
    const back = await readReportBytes(docx.name, docx.bytes);
    expect(back.ok && back.report.statedTotals[0]?.value).toBe(99);

    const annotated = await assistant.handle(turn('帮我批注', [{ name: '草稿.docx', bytes: docx.bytes }]));
    const comments = await (await JSZip.loadAsync(annotated.files![0]!.bytes)).file('word/comments.xml')!.async('string');
    const expected = annotated.findings.filter((f) => f.severity !== 'info').length;
    expect(comments.match(/<w:comment /gu) ?? []).toHaveLength(expected);
    expect(annotated.files![0]!.name).toBe('草稿-批注版.docx');

    expect(await assistant.handle(turn('总分多少？'))).toBe(fallback);
    const bad = await assistant.handle(turn('起草全文', [{ name: '名单.xlsx', bytes: Buffer.from('no') }]));
    expect(bad.files).toBeUndefined();
    expect(bad.text).toMatch(/有 1 处需要修改/u);
  }, 60_000);
});

describe('files back into the conversation (loopback fakes)', () => {
  const slack = new FakeSlackApi();
  const wecom = new FakeWecomApi('ww-test-corp', 'app-secret');
  const file = { name: '自评报告（草稿）.docx', title: '2025年度部门整体支出绩效自评报告', bytes: new Uint8Array(2048).fill(7) };
  const withFile: Reply = { ...fallback, text: '已起草。', files: [file] };
  beforeAll(async () => {
    await slack.start();
    await wecom.start();
  });
  afterAll(async () => {
    await slack.stop();
    await wecom.stop();
  });

  it('Slack: external upload (getUploadURLExternal → POST → completeUploadExternal) into the thread', async () => {
    const client = new webApi.WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await postSlackReply(client, { channel: 'C0001', threadTs: '1700000000.000100' }, { kind: 'reply', reply: withFile });
    expect(slack.calls).toEqual(expect.arrayContaining(['chat.postMessage', 'files.getUploadURLExternal', 'files.completeUploadExternal']));
    expect(slack.uploads).toEqual([expect.objectContaining({ title: file.title, channel_id: 'C0001', thread_ts: '1700000000.000100' })]);
    expect(slack.uploads[0]!.bytes).toBeGreaterThan(file.bytes.byteLength); // the multipart body carries the whole file
  });

  it('WeCom: media/upload, then a file message to the user', async () => {
    const client = new WecomClient({ corpId: 'ww-test-corp', agentId: '1000002', secret: 'app-secret', apiBase: wecom.url });
    await sendWecom(client, 'zhangsan', { kind: 'reply', reply: withFile });
    expect(wecom.uploads.at(-1)!.bytes).toBeGreaterThan(file.bytes.byteLength);
    expect(wecom.sent.at(-1)).toMatchObject({ msgtype: 'file', content: wecom.uploads.at(-1)!.mediaId });
  });
});
