import { beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorNode, Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { readReportBytes, parseReportText } from '../../src/report/parse-report.ts';
import { analyzeReport, type ReportContext } from '../../src/assistant/report-context.ts';
import { scoredLeaves } from '../../src/checks/indicator-tree.ts';
import { verdictOf } from '../../src/checks/indicator-verdicts.ts';
import { answerLostPoints } from '../../src/assistant/answers/lost-points.ts';
import { answerReportQuery } from '../../src/assistant/answers/report-query.ts';
import { understandQuestion } from '../../src/assistant/understand/understand-question.ts';
import type { AnswerContext } from '../../src/assistant/answers/answer.ts';
import { answerTarget } from '../../src/assistant/answers/target-score.ts';
import { answerRule } from '../../src/assistant/answers/rule-question.ts';
import { answerCheck } from '../../src/assistant/answers/check-summary.ts';
import { generalText } from '../../src/assistant/answers/general-text.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';
import { PHRASINGS_NARRATIVE, TARGET_FORM, toDocx, toXlsx, withCell, type FixtureTable } from '../helpers/report-fixtures.ts';

/**
 * Answers read the same truth as `check`: the verdict on a score, the stated actual value with its cell, citations
 * from the report. Reports are built from data here, in several shapes; nothing is read from the sample.
 */

/** A Hunan-style 评分表: each row carries its own 评分标准 and the 扣分原因 states the actual value. */
const HUNAN: FixtureTable = [
  ['某县农业农村局2024年度部门整体支出绩效自评表', '<', '<', '<', '<', '<', '<'],
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['预算编制（20分）', '目标设定', '绩效目标合理性', '10', '绩效目标明确、细化量化得10分，每缺一项扣2分', '10', ''],
  ['^', '预算配置', '在职人员控制率', '10', '≤100%得10分，每超1个百分点扣1分', '10', ''],
  ['预算执行（40分）', '资金管理', '项目支出执行率', '6', '≥95%得6分；85%（含）-95%得4分；<85%得0分', '4', '执行率为88.3%，低于95%'],
  ['^', '^', '预算调整率', '4', '≤5%得4分，每超1个百分点扣0.5分', '4', ''],
  ['^', '^', '结转结余变动率', '10', '结转结余下降得10分，持平得5分，上升得0分', '10', ''],
  ['^', '^', '公用经费控制率', '10', '≤100%得10分，超过不得分', '10', ''],
  ['^', '^', '政府采购执行率', '10', '得分=分值×政府采购执行率', '9', '政府采购执行率为90%'],
  ['效果（40分）', '社会效益', '农户满意度', '20', '≥90%得20分，每低1个百分点扣1分', '19', '满意度调查为89%'],
  ['^', '产出', '高标准农田建设完成率', '20', '按完成比例计分', '20', ''],
  ['合计', '<', '<', '100', '', '96', ''],
];

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

const leaf = (context: ReportContext, name: string): IndicatorNode => scoredLeaves(context.report).find((n) => n.name === name)!;

beforeAll(async () => {
  rubric = await loadRubric();
  shapes.push(
    { label: 'Hunan table .xlsx', context: await load('农业农村局自评表.xlsx', await toXlsx([{ name: '自评表', table: HUNAN }])) },
    { label: 'Hunan table .docx', context: await load('农业农村局自评报告.docx', await toDocx(['某县农业农村局2024年度部门整体支出绩效自评报告', { table: HUNAN }])) },
    { label: 'Hunan table, injected score 5 for 4', context: await load('注入错误.xlsx', await toXlsx([{ name: '自评表', table: withCell(withCell(HUNAN, 4, 5, '5'), 11, 5, '97') }])) },
    { label: 'national 自评表 .xlsx', context: await load('部门整体自评表.xlsx', await toXlsx([{ name: '自评表', table: TARGET_FORM }])) },
    { label: 'narrative .txt', context: await load('某县服务中心自评报告.txt', PHRASINGS_NARRATIVE) },
  );
}, 60_000);

describe('“<indicator>扣分对不对” agrees with check on every deducted indicator of every shape', () => {
  it('says 不对 with the check’s expected score exactly where check has a score finding, 相符 where the verdict agrees, else what is missing', async () => {
    let compared = 0;
    for (const { label, context } of shapes) {
      for (const node of scoredLeaves(context.report).filter((n) => n.assessed && n.score !== null && n.weight !== null)) {
        const answer = await answerLostPoints(ask(context, `${node.name}扣分对不对`), node.name);
        const scoreFinding = context.findings.find((f) => f.indicatorId === node.id && f.severity !== 'info' && f.expected !== undefined
          && ['score/own-standard', 'score/rubric-rule', 'formula/budget-execution'].includes(f.ruleId));
        const verdict = verdictOf(context.report, node, context.rubricMatch);
        const where = `${label} / ${node.name}: ${answer.text}`;
        if (scoreFinding) expect(answer.text, where).toContain(`不对，应得 ${scoreFinding.expected} 分`);
        else if (verdict.kind === 'agrees') expect(answer.text, where).toMatch(/与评分标准相符/u);
        else if (verdict.kind === 'not-computable') expect(answer.text, where).toContain(verdict.why.replace(/。$/u, ''));
        // A row that carries its own standard is never answered with "the local rule is unknown".
        if (node.standard) expect(answer.text, where).not.toMatch(/本地计分办法未知|评分细则中没有与/u);
        expect(answer.text, where).not.toMatch(SAMPLE_WORDS);
        expect(answer.text, where).not.toMatch(/score\/|formula\/|consistency\//u);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('the injected wrong score (5 where the band gives 4) is answered 不对, 应得 4 分, like check', async () => {
    const context = shapes[2]!.context;
    expect(context.findings.some((f) => f.ruleId === 'score/own-standard' && f.expected === '4')).toBe(true);
    const answer = await answerLostPoints(ask(context, '项目支出执行率扣分对不对'), '项目支出执行率');
    expect(answer.text).toContain('应得 4 分');
    expect(answer.text).toContain('88.3%');
  });
});

describe('“为什么扣了1分” explains each deduction of that amount by its own standard and stated value', () => {
  it.each([0, 1])('%s: names 政府采购执行率 (90%) and 农户满意度 (89%), not the 2-point 项目支出执行率', async (i) => {
    const context = shapes[i]!.context;
    const answer = await answerLostPoints(ask(context, '为什么扣了1分'), null);
    expect(answer.text).toMatch(/政府采购执行率[\s\S]*90%[\s\S]*农户满意度[\s\S]*89%/u);
    expect(answer.text).toContain('按报告自带的评分标准“≥90%得20分，每低1个百分点扣1分”');
    expect(answer.text).not.toContain('**项目支出执行率**');
    expect(answer.memo.items).toEqual(['政府采购执行率', '农户满意度']);
  });
});

describe('“<indicator>是多少” answers the stated value with its cell, never a threshold of its standard', () => {
  const cases: { shape: number; question: string; value: string; place: string }[] = [
    { shape: 0, question: '项目支出执行率是多少', value: '88.3%', place: '自评表!G5' },
    { shape: 1, question: '项目支出执行率是多少', value: '88.3%', place: '表 1 第 5 行第 7 列' },
    { shape: 0, question: '农户满意度是多少', value: '89%', place: '自评表!G10' },
    { shape: 3, question: '办结率是多少', value: '97%', place: '自评表!F12' },
    { shape: 3, question: '企业满意度是多少', value: '88%', place: '自评表!F15' },
  ];
  it.each(cases)('$question on shape $shape → $value at $place, with a citation from the report file', async ({ shape, question, value, place }) => {
    const context = shapes[shape]!.context;
    const understood = understandQuestion(question, context.report);
    expect(understood).not.toBeNull();
    const answer = await answerReportQuery(ask(context, question), understood!);
    const first = answer.text.split('\n')[0]!;
    expect(first).toContain(`为 ${value}（${place}`);
    expect(first).not.toMatch(/(?<![\d.])(?:95|85)%（/u); // a threshold is never given as the value
    expect(answer.citations.some((c) => c.source === context.name && c.line !== undefined && c.quote.includes(value))).toBe(true);
  });

  it('an indicator whose row states no value says so instead of answering with its standard’s numbers', async () => {
    const context = shapes[0]!.context;
    const understood = understandQuestion('在职人员控制率是多少', context.report)!;
    const answer = await answerReportQuery(ask(context, '在职人员控制率是多少'), understood);
    expect(answer.text).toContain('报告没有写明“在职人员控制率”的实际值');
    expect(answer.text).not.toMatch(/在职人员控制率(?:为|是) ?100%/u);
  });

  it('the stated value is the one the verdict measured', () => {
    for (const { context } of shapes.slice(0, 2)) {
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
