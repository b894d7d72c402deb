import { beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { readReportBytes } from '../../src/report/parse-report.ts';
import { analyzeReport, type ReportContext } from '../../src/assistant/report-context.ts';
import { composeDraft } from '../../src/assistant/draft-service.ts';
import { buildEvidence, traceNumbers } from '../../src/assistant/guard/number-trace.ts';
import { draftSection } from '../../src/drafting/draft-section.ts';
import { findShortfalls } from '../../src/drafting/shortfalls.ts';
import { causeClauses } from '../../src/drafting/report-remarks.ts';
import { EXTRA_REPORT_SHAPES, EXCEL_SHAPE, excelShapeFile } from '../helpers/report-shapes-extra.ts';
import { REPORT_SHAPES, shapeFile, type ShapeFormat } from '../helpers/report-shapes.ts';

/**
 * 存在问题 and 相关建议 on report shapes nobody tuned the drafts for (test/helpers/report-shapes*.ts), as narrative .txt,
 * table .xlsx and table .docx: each deducted indicator with its own value and the report's own cause (quoted) or
 * "报告未写明扣分原因"; measures built on the report's own 改进措施; indicator names read right inside every template;
 * every number traced to the indicator's own line.
 */

const CASES: { shape: string; format: ShapeFormat }[] = [
  { shape: '逐项评分标准叙述式（水利局）', format: 'txt' },
  { shape: '逐项评分标准叙述式（水利局）', format: 'docx' },
  { shape: '四川评分表扣分列（交通运输局）', format: 'xlsx' },
  { shape: '每降低1%扣分评分表（人力资源和社会保障局）', format: 'docx' },
  { shape: '偏差原因写在表尾的项目支出表（农村饮水）', format: 'xlsx' },
  { shape: '项目支出文字指标值表（医疗救助）', format: 'docx' },
  { shape: '一级标题带小计叙述式（城市管理局）', format: 'txt' },
  { shape: '浙江部门整体自评表（生态环境局）', format: 'xlsx' },
  { shape: '两级分块行指标名称表（审计局）', format: 'docx' },
  { shape: '得分满分冒号叙述式（司法局）', format: 'txt' },
];

let rubric: Rubric;
const contexts = new Map<string, ReportContext>();

async function load(label: string, name: string, bytes: Uint8Array): Promise<void> {
  const parsed = await readReportBytes(name, bytes);
  if (!parsed.ok) throw new Error(`${label}: ${parsed.problems[0]?.message}`);
  contexts.set(label, analyzeReport(name, parsed.report, rubric));
}

const labelOf = (c: { shape: string; format: ShapeFormat }) => `${c.shape} .${c.format}`;
const shapes = [...EXTRA_REPORT_SHAPES, ...REPORT_SHAPES];

beforeAll(async () => {
  rubric = await loadRubric();
  for (const c of CASES) {
    const shape = shapes.find((s) => s.name === c.shape)!;
    const file = await shapeFile(shape, shape.items, c.format);
    await load(labelOf(c), file.name, file.bytes);
  }
  for (const shape of REPORT_SHAPES) {
    const format = shape.formats.find((f) => f !== 'pdf')!;
    const file = await shapeFile(shape, shape.items, format);
    await load(`${shape.name} .${format}`, file.name, file.bytes);
  }
  const excel = await excelShapeFile(EXCEL_SHAPE.rows, EXCEL_SHAPE.merges);
  await load('Excel .xlsx', excel.name, excel.bytes);
}, 120_000);

/** The 一是…二是… points of a draft, without their ordinal. */
const pointsOf = (text: string) => text.split('\n\n').slice(1).map((p) => p.replace(/^[一二三四五六七八九十]+是/u, ''));
const context = (label: string) => contexts.get(label)!;

describe('exact sentences', () => {
  it('narrative .txt: the cause from the report’s 存在问题 section, its 改进措施 built on, no cause invented', async () => {
    const label = '逐项评分标准叙述式（水利局） .txt';
    const problems = pointsOf((await composeDraft(context(label), '存在问题')).text);
    expect(problems[0]).toBe('预算执行率偏低。预算执行率为 97.6%，预算执行率分值 5 分，自评 4.52 分，扣 0.48 分。报告写明了数值，未写明造成差距的原因。');
    expect(problems[3]).toBe('水利工程建设任务完成率偏低。水利工程建设任务完成率为 96%，水利工程建设任务完成率分值 20 分，自评 19.2 分，扣 0.8 分。扣分原因：“1处水利工程因征地问题未按期完工”。');
    const suggestions = pointsOf((await composeDraft(context(label), '相关建议')).text);
    expect(suggestions[1]).toMatch(/^落实报告提出的“加强采购计划管理”措施。/u);
    expect(suggestions[3]).toBe('落实报告提出的“提前做好征地协调”措施，倒排“水利工程建设任务完成率”的进度，对尚未完成的事项明确责任人和时限，按季度跟踪（本年度水利工程建设任务完成率为 96%）。');
    // A sentence of figures is no cause to answer.
    expect(suggestions.join('')).not.toMatch(/针对报告所述“全年预算数|提出具体整改措施/u);
  });

  it('table .xlsx: the 扣分原因 cell is the cause; the name reads as a noun phrase of its own', async () => {
    const label = '四川评分表扣分列（交通运输局） .xlsx';
    const problems = pointsOf((await composeDraft(context(label), '存在问题')).text);
    expect(problems[1]).toBe('管理制度健全性未得满分。管理制度健全性自评 8 分，分值 10 分，扣 2 分。扣分原因：“缺少公务用车管理制度”。');
    const suggestions = pointsOf((await composeDraft(context(label), '相关建议')).text);
    expect(suggestions[1]).toBe('针对报告所述“缺少公务用车管理制度”，对照“管理制度健全性”的要求补齐缺失的制度和台账，明确责任股室并定期检查执行情况。');
  });

  it('table .docx: the indicator’s own value beside a name that is no rate; no cause stated, none invented', async () => {
    const label = '每降低1%扣分评分表（人力资源和社会保障局） .docx';
    const problems = pointsOf((await composeDraft(context(label), '存在问题')).text);
    expect(problems[1]).toBe('结转结余控制未得满分。结转结余率为6%，结转结余控制分值 5 分，自评 4 分，扣 1 分。报告写明了数值，未写明造成差距的原因。');
    const suggestions = pointsOf((await composeDraft(context(label), '相关建议')).text);
    expect(suggestions[1]).toBe('对照“结转结余控制”的目标要求，预算按实际需要编制，年度中调整须履行程序，年末逐项核对（本年度结转结余率为6%）。');
  });

  it('project form .xlsx: the 实际完成值 as written, the footer’s 偏差原因 and 改进措施', async () => {
    const label = '偏差原因写在表尾的项目支出表（农村饮水） .xlsx';
    const problems = pointsOf((await composeDraft(context(label), '存在问题')).text);
    expect(problems[0]).toBe('工程完工时间未得满分。工程完工时间实际完成值为 2024年12月中旬，工程完工时间分值 10 分，自评 8 分，扣 2 分。扣分原因：“因管材供货延迟推迟至12月中旬”。');
    const suggestions = pointsOf((await composeDraft(context(label), '相关建议')).text);
    expect(suggestions[0]).toMatch(/^落实报告提出的“加强供货合同管理，提前备料”措施，/u);
  });
});

const ALL = [...CASES.map(labelOf), ...REPORT_SHAPES.map((s) => `${s.name} .${s.formats.find((f) => f !== 'pdf')!}`), 'Excel .xlsx'];

describe.each(ALL)('%s', (label) => {
  const reportText = () => context(label).report.lines.join('\n').normalize('NFKC');

  it('every deducted indicator: named, its cause quoted from the report or “报告未写明扣分原因”, no figure quoted as a cause, no value twice', async () => {
    const ctx = context(label);
    const shortfalls = findShortfalls(ctx).filter((s) => s.kind === 'deduction');
    expect(shortfalls.length, label).toBeGreaterThan(0);
    const points = pointsOf((await composeDraft(ctx, '存在问题')).text);
    shortfalls.forEach((s, i) => {
      const point = points[i]!;
      expect(point, label).toContain(s.indicator!);
      if ((s.causes ?? []).length === 0 && !/主要是|由于|原因是/u.test(point)) expect(point, label).toMatch(/报告未写明扣分原因|未写明造成差距的原因/u);
      for (const q of s.causes ?? []) {
        for (const clause of q.text.split('，')) expect(reportText(), `${label}: ${clause}`).toContain(clause.normalize('NFKC'));
        expect(causeClauses(q.text), `${label}: ${q.text}`).not.toBeNull();
        expect(q.text, label).not.toMatch(/(?:率|度)(?:为)?\s*[\d.]+\s*%/u);
      }
      const percents = [...point.matchAll(/(?<![\d.])(\d+(?:\.\d+)?)\s*%/gu)].map((m) => m[1]);
      expect(new Set(percents).size, `${label}: ${point}`).toBe(percents.length);
    });
  });

  it('相关建议 quote only the report’s own words, and read right for any name (no word of the name doubled beside it)', async () => {
    const ctx = context(label);
    const text = (await composeDraft(ctx, '相关建议')).text;
    for (const m of text.matchAll(/(?:报告所述|报告提出的)((?:“[^”]+”)+)/gu)) {
      for (const q of m[1]!.slice(1, -1).split('””')) {
        for (const clause of q.replace(/‘/gu, '“').replace(/’/gu, '”').split('，')) expect(reportText(), `${label}: ${clause}`).toContain(clause.normalize('NFKC'));
      }
    }
    const names = findShortfalls(ctx).flatMap((s) => (s.indicator ? [s.indicator] : []));
    for (const name of names) {
      const words = new Set([...name].slice(0, -1).map((c, i) => `${c}${name[i + 1]}`));
      for (const m of text.matchAll(new RegExp(`([^”]{0,4})“${name}”([^“]{0,4})`, 'gu'))) {
        const beside = `${m[1]}|${m[2]}`; // the template's words on either side (another quoted name is no template)
        for (const w of words) expect(beside.includes(w), `${label}: “${name}” beside ${beside}`).toBe(false);
      }
    }
    expect(text).not.toMatch(/提出具体整改措施|相关资金的支出进度|相关制度。/u);
  });

  it('every number of 存在问题 traces to the indicator’s own line, or to the indicator’s own weight − score', async () => {
    const ctx = context(label);
    const draft = draftSection('存在问题', ctx);
    // As composeDraft traces a draft (assistant/draft-service.ts): the report, the findings, this draft's calculations.
    const evidence = buildEvidence({ report: ctx.report, findings: ctx.findings, computations: draft.computations });
    const preferLines = draft.facts.flatMap((f) => [...f.matchAll(/第 ([\d、]+) 行/gu)].flatMap((m) => m[1]!.split('、').map(Number)));
    const guard = traceNumbers(draft.text, evidence, { preferLines });
    expect(guard.untraced, label).toEqual([]);
    const shortfalls = findShortfalls(ctx);
    let offset = 0;
    const starts = draft.text.split('\n\n').map((p) => { const s = offset; offset += p.length + 2; return s; });
    let checked = 0;
    for (const t of guard.traced) {
      const s = shortfalls[starts.findLastIndex((start) => start <= t.mention.index) - 1];
      if (!s || s.kind !== 'deduction' || t.mention.kind !== 'quantity') continue;
      const line = /^line (\d+)$/u.exec(t.source);
      if (line) expect(s.lines, `${label}: ${s.indicator} ${t.mention.text} ← ${t.source}`).toContain(Number(line[1]));
      else if (t.source.startsWith('computed: ')) expect(t.source, `${label}: ${s.indicator} ${t.mention.text}`).toBe(`computed: ${s.computations[0]!.expression}`);
      checked += 1;
    }
    expect(checked, label).toBeGreaterThan(0);
  });
});
