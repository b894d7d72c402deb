import { beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorNode, Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { readReportBytes, parseReportText } from '../../src/report/parse-report.ts';
import { analyzeReport, type ReportContext } from '../../src/assistant/report-context.ts';
import { verdictOf } from '../../src/checks/indicator-verdicts.ts';
import { answerLostPoints } from '../../src/assistant/answers/lost-points.ts';
import { answerReportQuery } from '../../src/assistant/answers/understood-answer.ts';
import { understandQuestion } from '../../src/assistant/understand/understand-question.ts';
import type { AnswerContext } from '../../src/assistant/answers/answer.ts';
import { answerTarget } from '../../src/assistant/answers/target-score.ts';
import { answerRule } from '../../src/assistant/answers/rule-question.ts';
import { answerCheck } from '../../src/assistant/answers/check-summary.ts';
import { generalText } from '../../src/assistant/answers/general-text.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';
import { PHRASINGS_NARRATIVE } from '../helpers/report-fixtures.ts';
import { REPORT_SHAPES, shapeFile } from '../helpers/report-shapes.ts';
import { queryOf } from '../../src/report/query/report-query.ts';

/**
 * Answers read the same truth as `check`: the verdict on a score, the stated actual value with its cell, citations
 * from the report. Reports are built from data here, in several shapes; nothing is read from the sample.
 */

const SAMPLE_WORDS = /样例|乐昌|58\.48|村（居）|编制人数/u;

let rubric: Rubric;
const shapes: { label: string; context: ReportContext }[] = [];

async function load(name: string, bytes: Uint8Array | string): Promise<ReportContext> {
  const parsed = typeof bytes === 'string' ? parseReportText(bytes, { name }) : await readReportBytes(name, bytes);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return analyzeReport(name, parsed.report, rubric);
}

function ask(context: ReportContext, question: string): AnswerContext {
  return { question, scope: 'public', rubric, report: context, knowledge: null, previous: null };
}

const leaf = (context: ReportContext, name: string): IndicatorNode => queryOf(context.report).leaves().find((n) => n.name === name)!;

beforeAll(async () => {
  rubric = await loadRubric();
  // The team's consistent shapes and each one's injected error (test/helpers/report-shapes.ts), in a table format where
  // the shape has one (else its text), plus a narrative with every score phrasing.
  for (const shape of REPORT_SHAPES) {
    const format = shape.formats.find((f) => f === 'xlsx' || f === 'docx') ?? shape.formats[0]!;
    for (const [label, items] of [[shape.name, shape.items], [`${shape.name}（${shape.injected.what}）`, shape.injected.items]] as const) {
      const file = await shapeFile(shape, items, format);
      shapes.push({ label: `${label} .${format}`, context: await load(file.name, format === 'txt' ? new TextDecoder().decode(file.bytes) : file.bytes) });
    }
  }
  shapes.push({ label: 'narrative .txt', context: await load('某县服务中心自评报告.txt', PHRASINGS_NARRATIVE) });
}, 120_000);

/** The Hunan-style 评分表 shape (own 评分标准 and 扣分原因 per row) as a file of the format, and its context. */
async function hunan(format: 'xlsx' | 'docx', injected = false): Promise<ReportContext> {
  const shape = REPORT_SHAPES.find((s) => s.name.startsWith('湖南'))!;
  const file = await shapeFile(shape, injected ? shape.injected.items : shape.items, format);
  return load(file.name, file.bytes);
}

describe('“<indicator>扣分对不对” agrees with check on every deducted indicator of every shape', () => {
  it('says 不对 with the check’s expected score exactly where check has a score finding, 相符 where the verdict agrees, else what is missing', async () => {
    let compared = 0;
    for (const { label, context } of shapes) {
      for (const node of queryOf(context.report).leaves().filter((n) => n.assessed && n.score !== null && n.weight !== null)) {
        const answer = await answerLostPoints(ask(context, `${node.name}扣分对不对`), node.name);
        // The check's finding on this score: on the indicator (or its own row), with an expected score (not a rate).
        const scoreFinding = context.findings.find((f) => (f.indicatorId === node.id || (f.indicatorId === undefined && f.line === node.line))
          && f.severity !== 'info' && /^[\d.–-]+$/u.test(f.expected ?? '')
          && ['score/own-standard', 'score/rubric-rule', 'formula/budget-execution'].includes(f.ruleId));
        const verdict = verdictOf(context.report, node, context.rubricMatch);
        const where = `${label} / ${node.name}: ${answer.text}`;
        if (scoreFinding) expect(answer.text, where).toContain(`不对，应得 ${scoreFinding.expected} 分`);
        else if (verdict.kind === 'agrees') expect(answer.text, where).toMatch(/与评分标准相符/u);
        else if (verdict.kind === 'not-computable') expect(answer.text, where).toContain(generalText(verdict.why, context.report).replace(/。$/u, ''));
        // A row that carries its own standard is never answered with "the local rule is unknown".
        if (node.standard) expect(answer.text, where).not.toMatch(/本地计分办法未知|评分细则中没有与/u);
        expect(answer.text, where).not.toMatch(SAMPLE_WORDS);
        expect(answer.text, where).not.toMatch(/score\/|formula\/|consistency\//u);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('the injected wrong score (6 where 88.3% falls in the 4-point band) is answered 不对, 应得 4 分, like check', async () => {
    const context = await hunan('xlsx', true);
    expect(context.findings.some((f) => f.ruleId === 'score/own-standard' && f.expected === '4')).toBe(true);
    const answer = await answerLostPoints(ask(context, '项目支出执行率扣分对不对'), '项目支出执行率');
    expect(answer.text).toContain('不对，应得 4 分');
    expect(answer.text).toContain('88.3%');
  });
});

describe('“为什么扣了2分” explains each deduction of that amount by its own standard and stated value', () => {
  it.each(['xlsx', 'docx'] as const)('%s: names 项目支出执行率 (88.3%) and 资金使用合规性 (1 笔), not the others', async (format) => {
    const context = await hunan(format);
    const answer = await answerLostPoints(ask(context, '为什么扣了2分'), null);
    expect(answer.memo.items).toEqual(['项目支出执行率', '资金使用合规性']);
    expect(answer.text).toMatch(/项目支出执行率[\s\S]*88\.3%[\s\S]*资金使用合规性/u);
    expect(answer.text).toContain('按报告自带的评分标准“≥95%得6分；85%（含）-95%得4分；<85%得0分”');
    expect(answer.text).not.toMatch(/\*\*(?:\d\. )?服务对象满意度\*\*/u);
  });
});

describe('“<indicator>是多少” answers the stated value with its cell, never a threshold of its standard', () => {
  const cases: { format: 'xlsx' | 'docx' | 'form'; question: string; value: string; place: string }[] = [
    { format: 'xlsx', question: '项目支出执行率是多少', value: '88.3%', place: '自评表!G7' },
    { format: 'docx', question: '项目支出执行率是多少', value: '88.3%', place: '表 1 第 7 行第 7 列' },
    { format: 'xlsx', question: '服务对象满意度是多少', value: '86%', place: '自评表!G15' },
    { format: 'form', question: '居民满意度是多少', value: '88%', place: '自评表!F15' },
    { format: 'form', question: '电子健康档案建档率是多少', value: '92%', place: '自评表!F12' },
  ];
  it.each(cases)('$question ($format) → $value at $place, with a citation from the report file', async ({ format, question, value, place }) => {
    let context: ReportContext;
    if (format === 'form') {
      const shape = REPORT_SHAPES.find((s) => s.name.startsWith('全国部门整体'))!;
      const file = await shapeFile(shape, shape.items, 'xlsx');
      context = await load(file.name, file.bytes);
    } else {
      context = await hunan(format);
    }
    const understood = understandQuestion(question, context.report);
    expect(understood).not.toBeNull();
    const answer = await answerReportQuery(ask(context, question), understood!);
    const first = answer.text.split('\n')[0]!;
    expect(first).toContain(`为 ${value}（${place}`);
    expect(first).not.toMatch(/(?<![\d.])(?:95|85|90)%（/u); // a threshold is never given as the value
    expect(answer.citations.some((c) => c.source === context.name && c.line !== undefined && c.quote.includes(value))).toBe(true);
  });

  it('an indicator whose row states no value says so instead of answering with its standard’s numbers', async () => {
    const context = await hunan('xlsx');
    const understood = understandQuestion('在职人员控制率是多少', context.report)!;
    const answer = await answerReportQuery(ask(context, '在职人员控制率是多少'), understood);
    expect(answer.text).toContain('报告没有写明“在职人员控制率”的实际值');
    expect(answer.text).not.toMatch(/在职人员控制率(?:为|是) ?100%/u);
  });

  it('the stated value is the one the verdict measured', async () => {
    for (const format of ['xlsx', 'docx'] as const) {
      const context = await hunan(format);
      const node = leaf(context, '项目支出执行率');
      const verdict = verdictOf(context.report, node, context.rubricMatch);
      expect(verdict.kind).toBe('agrees');
      if (verdict.kind !== 'not-computable') expect(verdict.measured.rate?.value.toString()).toBe('88.3');
    }
  });
});

describe('nothing about the bundled sample is said of another report', () => {
  it('generalText keeps a rubric note’s general part and drops what it says of the sample, only for another report', () => {
    const other = { title: '某县自然资源局2024年度部门整体支出绩效自评报告', department: null };
    const sample = { title: '2024年度部门整体支出绩效自评报告', department: '乐昌市政务服务和数据管理局' };
    const note = '乐昌的计分办法未知：样例支出率 58.48% 得 4 分（满分 6），按比例计分应为 3.51 分，可见不是简单按比例；外地有“按完成比例计分、满分为止”的做法，请对照当地评分细则。';
    expect(generalText(note, other)).toBe('外地有“按完成比例计分、满分为止”的做法，请对照当地评分细则。');
    expect(generalText(note, sample)).toBe(note);
    expect(generalText('- 预算挂在账上花不出去（样例就是这种情况）。', other)).toBe('- 预算挂在账上花不出去。');
    expect(generalText('计分办法未知：样例执行率 107.15%（超预算）自评 0 分，但没有成文规定说超预算即全扣。', other)).toBe('计分办法未知：没有成文规定说超预算即全扣。');
  });

  it('answers about another county’s report with the sample’s indicators quote no sample words', async () => {
    // Another department's report in the same Guangdong system: the sample's indicators, its own name and rates.
    const text = readSampleReportText().replace(/乐昌市?/gu, '某县').replace(/58\.48/gu, '71.20').replace(/41\.52/gu, '28.80');
    const context = await load('某县自评报告.txt', text);
    const answers = [
      await answerLostPoints(ask(context, '为什么扣了2分'), null),
      await answerLostPoints(ask(context, '部门预算资金支出率扣分对不对'), '部门预算资金支出率'),
      answerTarget(ask(context, '支出率要到多少才能满分'), '部门预算资金支出率'),
      await answerRule(ask(context, '政府采购执行率怎么算'), '政府采购执行率'),
      answerCheck(ask(context, '帮我检查一下')),
    ];
    for (const answer of answers) {
      const said = [answer.text, ...answer.citations.map((c) => c.quote), ...answer.quoted.map((q) => q.text)].join('\n');
      expect(said).not.toMatch(/样例|乐昌|58\.48/u);
    }
    expect(answers[1]!.text).toContain('本地计分办法未知');
  });
});
