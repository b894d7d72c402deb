import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { STATED_VALUE_ROLES } from '../../src/model/index.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { ReportQuery, queryOf } from '../../src/report/query/report-query.js';
import { readAs, reportOf, type Format } from './read-as.js';

const TABLE = [
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['过程（16分）', '预算执行', '项目支出执行率', '6', '≥95%得6分；85%（含）-95%得4分；<85%得0分', '4', '执行率为88.3%，低于95%'],
  ['^', '^', '资金使用合规性', '10', '每发现一例违规扣2分，扣完为止', '10', ''],
  ['产出（10分）', '产出数量', '培训人次', '10', '按完成比例计分', '10', '全年培训1200人次'],
  ['合计', '<', '<', '26', '', '24', ''],
];

const sample = async () => reportOf(parseReportText(await readFile(new URL('../../../shared/reports/lechang-2024-self-eval.txt', import.meta.url), 'utf8')));
const table = (format: Format) => async () => reportOf(await readAs(format, ['某县某局2024年度部门整体支出绩效自评报告', { table: TABLE }]));

describe('ReportQuery over several shapes and formats', () => {
  const shapes: [string, () => Promise<Report>, number][] = [
    ['the sample (text narrative)', sample, 27],
    ['a 评分表 in .docx', table('docx'), 3],
    ['a 评分表 in .xlsx', table('xlsx'), 3],
    ['a 评分表 in a PDF', table('pdf'), 3],
    ['a 评分表 in a text file', table('txt'), 3],
  ];

  it.each(shapes)('%s: tree walks agree with the tree', async (_name, make, leafCount) => {
    const report = await make();
    const q = queryOf(report);
    expect(queryOf(report)).toBe(q); // one per report
    expect(q.leaves()).toHaveLength(leafCount);
    for (const node of q.indicators()) {
      expect(q.byId(node.id)).toBe(node);
      const parent = q.parentOf(node);
      if (parent) expect(parent.children).toContain(node);
      else expect(report.indicators).toContain(node);
      expect(q.ancestorsOf(node).map((a) => a.name)).toEqual(node.path.slice(0, -1));
      expect(q.byName(node.name)).toContain(node);
    }
    for (const leaf of q.leaves()) {
      expect(leaf.children).toEqual([]);
      expect(q.leafAtLine(leaf.line)).toBe(leaf);
    }
  });

  it.each(shapes)('%s: figure lookups agree with a scan of the figures', async (_name, make) => {
    const report = await make();
    const q = queryOf(report);
    const lines = [...new Set(report.figures.map((f) => f.line))];
    for (const line of lines) expect(q.figuresOnLine(line)).toEqual(report.figures.filter((f) => f.line === line));
    const [first, last] = [lines[1] ?? 1, lines[lines.length - 2] ?? 1];
    expect(q.figuresBetween(first, last)).toEqual(report.figures.filter((f) => f.line >= first && f.line <= last));
    expect(q.figuresWithRole('threshold', 'target')).toEqual(report.figures.filter((f) => f.role === 'threshold' || f.role === 'target'));
    expect(q.statedFigures().every((f) => STATED_VALUE_ROLES.has(f.role))).toBe(true);
    for (const figure of report.figures.slice(0, 20)) expect(q.figureById(figure.id)).toBe(figure);
    for (const leaf of q.leaves()) {
      expect(q.figuresOf(leaf)).toBe(q.figuresOf(leaf)); // computed once
      expect(q.figuresOf(leaf).every((f) => f.unit !== '分' && q.ownsLine(leaf, f.line))).toBe(true);
    }
  });

  it.each(shapes)('%s: paragraphs and places', async (_name, make) => {
    const report = await make();
    const q = queryOf(report);
    for (const paragraph of report.paragraphs) {
      expect(q.paragraphAt(paragraph.line)).toBe(paragraph);
      expect(q.paragraphsStartingBetween(paragraph.line, paragraph.line)).toContain(paragraph);
      const placed = q.paragraphFigures(paragraph);
      expect(placed.map((p) => p.offset)).toEqual([...placed.map((p) => p.offset)].sort((a, b) => a - b));
    }
    report.lineLocations?.forEach((place, i) => {
      const line = q.lineOf(place);
      if (line !== undefined) expect(report.lineLocations![line - 1]).toEqual(place);
      expect(q.locate(i + 1)).toEqual(place);
    });
  });

  it.each(['docx', 'xlsx'] as const)('%s: a figure in a cell is located at its cell, and the cell leads back to its line', async (format) => {
    const report = await table(format)();
    const q = queryOf(report);
    const figure = report.figures.find((f) => f.raw === '88.3%')!;
    const cell = q.locate(figure.line, figure.column);
    expect(cell).toMatchObject(format === 'xlsx' ? { cell: 'G2' } : { table: 1, row: 2, column: 7 });
    expect(q.lineOf(cell!)).toBe(figure.line);
  });
});

it('a changed copy of a report gets its own query; memo computes once per slot and key', async () => {
  const report = await sample();
  const copy: Report = { ...report, indicators: report.indicators.slice(0, 1) };
  expect(queryOf(copy)).not.toBe(queryOf(report));
  expect(queryOf(copy).indicators().length).toBeLessThan(queryOf(report).indicators().length);
  const q = new ReportQuery(report);
  const slot = {};
  let calls = 0;
  const node = q.leaves()[0]!;
  expect(q.memo(slot, node, () => ++calls)).toBe(1);
  expect(q.memo(slot, node, () => ++calls)).toBe(1);
  expect(q.memo({}, node, () => ++calls)).toBe(2);
});
