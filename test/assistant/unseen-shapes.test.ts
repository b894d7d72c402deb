import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/model/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import type { Reply, Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { renderReply } from '../../src/cli/commands/chat.ts';
import { replyParts } from '../../src/channels/reply-parts.ts';
import type { TestDatabase } from '../helpers/test-database.ts';
import { openBundledAssistant } from '../helpers/bundled-assistant.ts';
import { REPORT_SHAPES, shapeFile, type ShapeFormat } from '../helpers/report-shapes.ts';
import type { FixtureItem, FixtureTable } from '../helpers/report-fixtures.ts';

/**
 * Report shapes nobody tuned the answers for, through the assistant's real entry (createAssistant().handle, offline,
 * with the bundled knowledge base): “扣分对不对” says what `check` says of a proportional score; the knowledge quoted about
 * another report tells none of the sample's situations; a citation of the report names the place the answer names.
 */

let testDb: TestDatabase;
let knowledge: KnowledgeBase;
let rubric: Rubric;
let assistant: TurnHandler;
let threads = 0;

beforeAll(async () => {
  ({ testDb, knowledge, rubric, assistant } = await openBundledAssistant());
}, 120_000);

afterAll(async () => {
  await knowledge?.close();
  await testDb?.dispose();
});

/** Everything the user can read: the text, its details, and the sources quoted. */
const said = (reply: Reply): string => [reply.text, reply.details ?? '', ...reply.citations.map((c) => c.quote)].join('\n');

/** Load the report as a chat upload in a new thread, then ask. */
async function ask(file: { name: string; bytes: Uint8Array }, question: string): Promise<{ loaded: Reply; reply: Reply }> {
  const thread = `test:unseen:${threads++}`;
  const turn = (text: string, extra: Partial<Turn> = {}): Turn => ({ text, user: 'test', scope: 'public', thread, attachments: [], ...extra });
  const loaded = await assistant.handle(turn('', { attachments: [file] }));
  const reply = await assistant.handle(turn(question));
  return { loaded, reply: reply.details ? { ...reply, text: `${reply.text}\n${reply.details}` } : reply };
}

const lines = (text: string): FixtureItem[] => text.split('\n');

/** A narrative whose one deducted indicator states its rate and a score of 分值 × rate, and no scoring standard. */
function proportionalNarrative(name: string, weight: string, sentence: string, score: string): FixtureItem[] {
  return lines(`某县示范局2024年度部门整体支出绩效自评报告
一、部门基本情况
本局负责全县示范区建设管理工作。2024年度部门决算支出1000.00万元，其中基本支出600.00万元，项目支出400.00万元。
二、绩效自评结论
经自评，本局自评得分为${score}分。
三、指标完成及得分情况
（一）履职效能（${weight}分）
1.${name}（${weight}分）。${sentence}，得${score}分。`);
}

/** A 评分表 row with 分值, 实际完成值 and 得分 only (no 评分标准 column, no 扣分原因). */
function proportionalTable(name: string, weight: string, actual: string, score: string): FixtureItem[] {
  const table: FixtureTable = [
    ['某县示范局2024年度部门整体支出绩效自评表', '<', '<', '<', '<'],
    ['一级指标', '三级指标', '分值', '实际完成值', '得分'],
    ['产出指标', name, weight, actual, score],
    ['合计', '<', weight, '', score],
  ];
  return [{ table }];
}

describe('“扣分对不对” on a score of 分值 × rate says what check says', () => {
  const cases: { label: string; items: FixtureItem[]; format: ShapeFormat; indicator: string; working: string }[] = [
    { label: 'narrative 6 × 98%', format: 'txt', indicator: '部门预算资金支出率', working: '6 × 98% = 5.88 分',
      items: proportionalNarrative('部门预算资金支出率', '6', '全年预算数1000.00万元，实际支出980.00万元，实际支出率98%', '5.88') },
    { label: 'narrative 10 × 94%', format: 'docx', indicator: '示范项目完成率', working: '10 × 94% = 9.4 分',
      items: proportionalNarrative('示范项目完成率', '10', '计划建设示范点50个，建成47个，完成率94%', '9.4') },
    { label: 'narrative 6 × 98% as PDF', format: 'pdf', indicator: '部门预算资金支出率', working: '6 × 98% = 5.88 分',
      items: proportionalNarrative('部门预算资金支出率', '6', '全年预算数1000.00万元，实际支出980.00万元，实际支出率98%', '5.88') },
    { label: 'table 8 × 95%', format: 'xlsx', indicator: '示范点建成率', working: '8 × 95% = 7.6 分',
      items: proportionalTable('示范点建成率', '8', '95%', '7.6') },
    { label: 'table 8 × 95% as .docx', format: 'docx', indicator: '示范点建成率', working: '8 × 95% = 7.6 分',
      items: proportionalTable('示范点建成率', '8', '95%', '7.6') },
  ];

  it.each(cases)('$label ($format): check notes the proportion and the answer repeats it', async ({ items, format, indicator, working }) => {
    const file = await shapeFile({ name: `示范局${format}` }, items, format);
    const { reply } = await ask(file, `${indicator}扣分对不对`);
    const note = reply.findings.find((f) => f.ruleId === 'score/deduction-explained');
    expect(note?.message, reply.text).toContain(`按比例计分：${working}，与自评得分相符`);
    expect(reply.text).toContain(`按比例计分时 ${working}，与自评得分相符；但报告没有写明计分方法，请核实是否按比例计分`);
    expect(reply.text).not.toContain('无法判断这一扣分是否恰当');
    // The stated rate is the basis check reads, not a cause the report gave.
    expect(reply.text).not.toContain('报告写的扣分原因');
  });

  it('a score that is not 分值 × rate (6 × 98% = 5.88, stated 5.5) is not said to agree', async () => {
    const items = proportionalNarrative('部门预算资金支出率', '6', '全年预算数1000.00万元，实际支出980.00万元，实际支出率98%', '5.5');
    const { reply } = await ask(await shapeFile({ name: '示范局' }, items, 'txt'), '部门预算资金支出率扣分对不对');
    expect(reply.findings.some((f) => f.ruleId === 'score/deduction-explained' && f.message.includes('按比例计分'))).toBe(false);
    expect(reply.text).not.toMatch(/按比例计分时|相符/u);
    expect(reply.text).toContain('无法判断这一扣分是否恰当');
    // check warns that the text gives no cause; the answer does not call it one.
    expect(reply.findings.some((f) => f.ruleId === 'score/deduction-explained' && f.severity === 'warning')).toBe(true);
    expect(reply.text).toContain('其中没有写明扣分原因');
    expect(reply.text).not.toContain('报告写的扣分原因');
  });

  it('a Guangdong report scored by the bundled rubric (计分办法未知) also repeats the check: 6 × 96% = 5.76', async () => {
    const shape = REPORT_SHAPES.find((s) => s.name.startsWith('广东'))!;
    const items = shape.items.map((item) => (typeof item === 'string'
      ? item.replace('（1）部门预算资金支出率（6分）。自评得分6分。', '（1）部门预算资金支出率（6分）。自评得分5.76分。').replace('自评结果为97分', '自评结果为96.76分')
      : item));
    expect(items.some((item) => typeof item === 'string' && item.includes('自评得分5.76分'))).toBe(true);
    const { reply } = await ask(await shapeFile(shape, items, 'txt'), '部门预算资金支出率扣分对不对');
    expect(reply.text).toContain('按比例计分时 6 × 96% = 5.76 分，与自评得分相符');
    expect(reply.text).toContain('本地计分办法未知');
  });
});

describe('knowledge quoted about another report tells none of the sample’s situations', () => {
  /** The sample's own case: its rate, its 结余率 0%, its 村（居） and 编制 figures, "样例就是这种情况". */
  const SAMPLE_SITUATIONS = /样例就是|样例支出率|58\.48|41\.52|支出率很低|结余率\s*(?:为|写)?\s*0%|村（居）|编制人数/u;
  const questions = ['部门预算资金支出率扣分对不对', '为什么扣分', '部门预算资金支出率怎么算', '支出率要到多少才能满分'];

  it.each(questions)('a narrative scored 5.88 of 6 (98%%): %s', async (question) => {
    const items = proportionalNarrative('部门预算资金支出率', '6', '全年预算数1000.00万元，实际支出980.00万元，实际支出率98%', '5.88');
    const { reply } = await ask(await shapeFile({ name: '示范局' }, items, 'txt'), question);
    expect(reply.text.length).toBeGreaterThan(20);
    expect(said(reply)).not.toMatch(SAMPLE_SITUATIONS);
  });

  it('a Guangdong report scored by the bundled rubric: the rubric quoted has no “出处 <the sample report>”', async () => {
    const shape = REPORT_SHAPES.find((s) => s.name.startsWith('广东'))!;
    const file = await shapeFile(shape, shape.items, 'txt');
    const { reply } = await ask(file, '为什么扣分');
    const rubricQuotes = reply.citations.filter((c) => c.quote.includes('计分：'));
    expect(rubricQuotes.length).toBeGreaterThan(0);
    for (const c of reply.citations) expect(c.quote).not.toMatch(/样例|乐昌|58\.48/u);
    expect(said(reply)).not.toMatch(SAMPLE_SITUATIONS);
  });

  it('the 常见失分情形 of 部门预算资金支出率 is still quoted, in general terms', async () => {
    const items = proportionalNarrative('部门预算资金支出率', '6', '全年预算数1000.00万元，实际支出980.00万元，实际支出率98%', '5.88');
    const { reply } = await ask(await shapeFile({ name: '示范局' }, items, 'txt'), '部门预算资金支出率扣分对不对');
    expect(reply.text).toMatch(/常见失分情形（部门预算资金支出率）：[\s\S]*结转结余率/u);
  });
});

describe('a citation of the report names the place the answer names', () => {
  const hunan = REPORT_SHAPES.find((s) => s.name.startsWith('湖南'))!;
  const guangdong = REPORT_SHAPES.find((s) => s.name.startsWith('广东'))!;
  const cases: { shape: typeof hunan; format: ShapeFormat; question: string; quote: string; place: RegExp; exact?: string }[] = [
    { shape: hunan, format: 'xlsx', question: '服务对象满意度是多少', quote: '86%', place: /^自评表![A-Z]+\d+$/u, exact: '自评表!G15' },
    { shape: hunan, format: 'docx', question: '服务对象满意度是多少', quote: '86%', place: /^表 \d+ 第 \d+ 行第 \d+ 列$/u, exact: '表 1 第 15 行第 7 列' },
    { shape: hunan, format: 'pdf', question: '服务对象满意度是多少', quote: '86%', place: /^第 \d+ 页 表 \d+ 第 \d+ 行第 \d+ 列$/u, exact: '第 1 页 表 1 第 15 行第 7 列' },
    { shape: hunan, format: 'xlsx', question: '项目支出执行率扣分对不对', quote: '88.3%', place: /^自评表![A-Z]+\d+$/u, exact: '自评表!G7' },
    { shape: guangdong, format: 'docx', question: '部门预算资金支出率是多少', quote: '96.00%', place: /^第 \d+ 段$/u },
    { shape: guangdong, format: 'pdf', question: '部门预算资金支出率是多少', quote: '96.00%', place: /^第 \d+ 页第 \d+ 行$/u },
  ];

  it.each(cases)('$format: “$question”', async ({ shape, format, question, quote, place, exact }) => {
    const file = await shapeFile(shape, shape.items, format);
    const { reply } = await ask(file, question);
    const cited = reply.citations.filter((c) => c.source === file.name && c.quote.includes(quote));
    expect(cited.length, JSON.stringify(reply.citations)).toBeGreaterThan(0);
    for (const citation of cited) {
      expect(citation.place).toMatch(place);
      if (exact) expect(citation.place).toBe(exact);
      // The answer names the very place, and the terminal and chat channels show it in the sources.
      expect(reply.text).toContain(citation.place);
      expect(renderReply(reply, { color: false })).toContain(`${file.name} ${citation.place}：`);
      expect(replyParts(reply).sources.some((s) => s.startsWith(`${file.name} ${citation.place!.replace(/\s+/gu, '')}：`))).toBe(true);
    }
  });

  it('txt: a text file’s line is its place (第 N 行), as before', async () => {
    const file = await shapeFile(guangdong, guangdong.items, 'txt');
    const { reply } = await ask(file, '部门预算资金支出率是多少');
    const cited = reply.citations.filter((c) => c.source === file.name && c.quote.includes('96.00%'));
    expect(cited.length).toBeGreaterThan(0);
    for (const citation of cited) {
      expect(citation.place).toBeUndefined();
      expect(reply.text).toContain(`第 ${citation.line} 行`);
      expect(renderReply(reply, { color: false })).toContain(`${file.name} 第 ${citation.line} 行：`);
      expect(replyParts(reply).sources.some((s) => s.startsWith(`${file.name} 第${citation.line}行：`))).toBe(true);
    }
  });
});
