import { describe, expect, it } from 'vitest';
import { parseHeading } from '../../src/report/heading.js';
import { parseReportText, readReportBytes } from '../../src/report/parse-report.js';
import { queryOf } from '../../src/report/query/report-query.js';
import { splitParagraphs } from '../../src/report/split-paragraphs.js';
import type { Report } from '../../src/model/index.js';
import { hasCjkFont, toPdf } from '../helpers/report-variants.js';

/**
 * A line that is only a quantity ("19.2分。", "12.5万元，…") is the rest of the line before, wrapped by a page width or
 * a word processor — not a heading numbered "19.2". Real decimal-numbered headings ("1.2 预算执行率", "19.2 政府采购",
 * "2.1分配合理性") stay headings. Checked on the heading reader, on the paragraph layout, and on whole reports in .txt
 * and in a .pdf made from the same text.
 */

describe('a quantity is not a heading number', () => {
  it.each([
    '19.2分。', '19.2分；', '19.2分', '9.5分，扣0.5分。', '12.5万元。', '12.5万元，结转结余率为2.4%，得5分。',
    '3.5个百分点。', '2.5个，', '1.5亿元；', '10.5天。', '12.5%。', '1.5倍。',
  ])('%s', (line) => {
    expect(parseHeading(line, 1)).toBeNull();
  });

  it.each([
    ['1.2 预算执行率', '1.2', '预算执行率'],
    ['19.2 政府采购', '19.2', '政府采购'],
    ['2.1分配合理性', '2.1', '分配合理性'],
    ['3.1人员经费', '3.1', '人员经费'],
    ['1.2项目管理（5分）', '1.2', '项目管理（5分）'],
    ['1.1年度目标完成情况。本年度完成目标任务。', '1.1', '年度目标完成情况'],
    ['1.2.3 万元户帮扶', '1.2.3', '万元户帮扶'],
  ])('%s stays a heading', (line, marker, title) => {
    expect(parseHeading(line, 1)).toMatchObject({ marker, title });
  });
});

interface Item {
  name: string;
  weight: number;
  score: string;
  body: string; // ends where the line wraps; the next line starts with the score
}

const ITEMS: Item[] = [
  { name: '水利工程建设任务完成率', weight: 40, score: '38.4', body: '评分标准：按完成比例计分。计划建设水利工程25处，实际完成24处，完成率96%，得' },
  { name: '预算执行率', weight: 20, score: '19.52', body: '评分标准：预算执行率达到100%得满分，每低1个百分点扣0.2分。全年预算数2500.00万元，实际支出2440.00万元，执行率为97.6%，得' },
  { name: '河道巡查覆盖率', weight: 20, score: '19', body: '全年计划巡查河道120条，实际巡查114条，覆盖率95%，按完成比例得' },
  { name: '群众满意度', weight: 20, score: '19.1', body: '评分标准：按满意度计分。问卷调查满意度为95.5%，自评得分' },
];
/** Each indicator's text is cut before its score, the way a narrow page cuts it: "…得" / "19.2分。". */
function wrappedNarrative(items: readonly Item[], scoreLine: (item: Item) => string): string {
  const total = items.reduce((sum, i) => sum + Number(i.score) * 100, 0) / 100;
  return [
    '某县水利局2024年度部门整体支出绩效自评报告',
    '一、绩效自评结论',
    `本局2024年度自评得分${total}分。`,
    '二、指标完成及得分情况',
    ...items.flatMap((item, i) => [`${i + 1}.${item.name}（${item.weight}分）。${item.body}`, scoreLine(item)]),
    '三、存在问题',
    '部分工程因征地问题未按期完工。',
  ].join('\n');
}

const SCORE_LINES: [string, (item: Item) => string][] = [
  ['N分。', (item) => `${item.score}分。`],
  ['N分；', (item) => `${item.score}分；`],
  ['N分，…。', (item) => `${item.score}分，较上年有所提高。`],
  ['N 分。', (item) => `${item.score} 分。`],
];
function scoresOf(report: Report): [string, number | null | undefined][] {
  return queryOf(report).leaves().map((n) => [n.name, n.score]);
}

const expected = ITEMS.map((i) => [i.name, Number(i.score)]);

describe('a wrapped score line continues its paragraph', () => {
  it.each(SCORE_LINES)('.txt, score line "%s"', (_shape, scoreLine) => {
    const text = wrappedNarrative(ITEMS, scoreLine);
    const parsed = parseReportText(text, { name: 'wrapped.txt' });
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
    expect(scoresOf(parsed.report)).toEqual(expected);
    expect(parsed.report.statedTotals.map((t) => t.value)).toContain(ITEMS.reduce((s, i) => s + Number(i.score) * 100, 0) / 100);
  });

  it.each(SCORE_LINES.filter(() => hasCjkFont))('.pdf made from the text, score line "%s"', async (_shape, scoreLine) => {
    const bytes = await toPdf(wrappedNarrative(ITEMS, scoreLine));
    const parsed = await readReportBytes('wrapped.pdf', bytes);
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
    expect(scoresOf(parsed.report)).toEqual(expected);
  });

  it.skipIf(!hasCjkFont)('.pdf whose page width itself cuts "…得" from "38.4分。"', async () => {
    // At A4, 11 pt (toPdf) this line is cut right after 得; the test first proves the cut happened.
    const line = `1.水利工程建设任务完成率（40分）。评分标准：按完成比例计分。经现场核实完成率96%，得38.4分。`;
    const text = ['某县水利局2024年度部门整体支出绩效自评报告', '一、绩效自评结论', '本局2024年度自评得分96.02分。', '二、指标完成及得分情况', line, '三、存在问题', '无。'].join('\n');
    const parsed = await readReportBytes('page-wrap.pdf', await toPdf(text));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
    expect(parsed.report.lines).toContain('38.4分。');
    expect(scoresOf(parsed.report)).toEqual([['水利工程建设任务完成率', 38.4]]);
  });

  it('the layout joins the wrapped line and keeps the map back to both lines', () => {
    const lines = wrappedNarrative(ITEMS.slice(0, 1), (item) => `${item.score}分。`).split('\n');
    const { headings, paragraphs } = splitParagraphs(lines);
    expect(headings.map((h) => h.marker)).toEqual(['一、', '二、', '1.', '三、']);
    const joined = paragraphs.find((p) => p.text.includes('得38.4分。'));
    expect(joined).toMatchObject({ line: 5, endLine: 6 });
    expect(joined!.segments.map((s) => s.line)).toEqual([5, 6]);
  });

  it('a "key：value" line is still never continued', () => {
    const { paragraphs } = splitParagraphs(['一、基本情况', '部门名称：某县水利局', '联系电话', '二、结论']);
    expect(paragraphs.map((p) => p.text)).toEqual(['部门名称：某县水利局', '联系电话']);
  });
});

describe('decimal-numbered headings stay headings', () => {
  const DECIMAL = [
    '某县财政局2024年度部门整体支出绩效自评报告',
    '1 预算管理',
    '1.1 预算执行率（5分）',
    '全年预算数2500.00万元，实际支出2440.00万元，执行率为97.6%，自评得分4.52分。',
    '1.2 结转结余率（5分）',
    '结转结余率为2.4%，自评得分5分。',
    '19 采购管理',
    '19.2 政府采购（5分）',
    '政府采购执行率96%，自评得分5分。',
  ].join('\n');

  it('.txt: the headings are read with their numbers and titles', () => {
    const { headings } = splitParagraphs(DECIMAL.split('\n'));
    expect(headings.map((h) => [h.marker, h.title])).toEqual(expect.arrayContaining([
      ['1.1', '预算执行率（5分）'], ['1.2', '结转结余率（5分）'], ['19.2', '政府采购（5分）'],
    ]));
  });

  it.each([['txt'], ...(hasCjkFont ? [['pdf']] : [])])('.%s: the indicators under them keep their scores', async (format) => {
    const parsed = format === 'txt' ? parseReportText(DECIMAL, { name: 'decimal.txt' }) : await readReportBytes('decimal.pdf', await toPdf(DECIMAL));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
    expect(scoresOf(parsed.report)).toEqual([['预算执行率', 4.52], ['结转结余率', 5], ['政府采购', 5]]);
  });
});
