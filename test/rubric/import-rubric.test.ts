import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { readDocument } from '../../src/document/read-document.js';
import type { Rubric, RubricIndicator } from '../../src/model/index.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { importRubric, rubricYaml } from '../../src/rubric/import-rubric.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { toDocx, toTablePdf, toXlsx, type FixtureTable } from '../helpers/report-fixtures.js';

const CONTROL = '≤100%得满分；每超1个百分点扣0.5分，扣完为止';
const BANDS = '≥90%得5分；80%（含）-90%得4分；70%（含）-80%得3分；60%（含）-70%得2分；<60%得0分';
const JUDGED = '根据履职效果酌情评分';

/** A bureau's 评分细则: indicators, 分值, 评分标准, no scores (invented bureau; the standard texts are real ones). */
const RUBRIC_TABLE: FixtureTable = [
  ['某县2024年度部门整体支出绩效评价指标体系', '<', '<', '<', '<'],
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准'],
  ['投入（10分）', '预算配置', '在职人员控制率', '5', CONTROL],
  ['^', '^', '重点支出安排率', '5', BANDS],
  ['过程（30分）', '预算执行', '预算完成率', '10', '得分=分值×完成率'],
  ['^', '预算管理', '资金使用合规性', '10', '每出现一例不符合扣1分，扣完为止'],
  ['^', '资产管理', '管理制度健全性', '10', JUDGED],
  ['产出（30分）', '职责履行', '实际完成率', '30', JUDGED],
  ['效果（30分）', '履职效益', '社会效益', '30', JUDGED],
  ['合计', '<', '<', '100', ''],
];

/** A report scored against it, as a pipe table without 评分标准 (so the imported rubric's rules decide). */
function report(staffRate: string, staffScore: string): string {
  const rows = [
    ['投入', '预算配置', '在职人员控制率', '5', staffScore, `在职人员控制率为 ${staffRate}%`],
    ['投入', '预算配置', '重点支出安排率', '5', '4', '重点支出安排率 85%'],
    ['过程', '预算执行', '预算完成率', '10', '9', '完成率 90%'],
    ['过程', '预算管理', '资金使用合规性', '10', '9', '抽查发现1例报销手续不全'],
    ['过程', '资产管理', '管理制度健全性', '10', '10', ''],
    ['产出', '职责履行', '实际完成率', '30', '30', ''],
    ['效果', '履职效益', '社会效益', '30', '30', ''],
  ];
  const total = rows.reduce((s, r) => s + Number(r[4]), 0);
  return [
    '某县农业服务中心2024年度部门整体支出绩效自评报告', '',
    '| 一级指标 | 二级指标 | 三级指标 | 分值 | 自评得分 | 扣分原因 |', '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.join(' | ')} |`), `| 合计 | | | 100 | ${total} | |`, '', `自评得分 ${total} 分。`,
  ].join('\n');
}

function leaves(indicators: readonly RubricIndicator[]): RubricIndicator[] {
  return indicators.flatMap((i) => (i.children.length === 0 ? [i] : leaves(i.children)));
}

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'rubric-import-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

async function importFile(name: string, bytes: Uint8Array): Promise<Rubric> {
  const read = await readDocument(name, bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const imported = importRubric(read.document);
  if (!imported.ok) throw new Error(imported.message);
  const path = join(dir, `${name}.yaml`);
  await writeFile(path, rubricYaml(imported.rubric, name));
  return loadRubric(path); // what --rubric loads
}

describe.each([
  ['评分细则.xlsx', () => toXlsx([{ name: '指标体系', table: RUBRIC_TABLE }]), /^指标体系!E\d+$/u],
  ['评分细则.docx', () => toDocx(['某县2024年度部门整体支出绩效评价指标体系', { table: RUBRIC_TABLE }]), /^表 1 第 \d+ 行$/u],
  ['评分细则.pdf', () => toTablePdf(['某县2024年度部门整体支出绩效评价指标体系', { table: RUBRIC_TABLE }]), /^第 1 页 表 1 第 \d+ 行$/u],
])('selfeval rubric import %s', (name, build, cell) => {
  let rubric: Rubric;
  beforeAll(async () => { rubric = await importFile(name, await build()); });

  it('reads the indicators, weights (parents from 投入（10分） or the sum) and total', () => {
    expect(rubric.indicators.map((i) => [i.name, i.weight])).toEqual([['投入', 10], ['过程', 30], ['产出', 30], ['效果', 30]]);
    expect(rubric.total).toBe(100);
    expect(rubric.name).toBe('某县2024年度部门整体支出绩效评价指标体系');
    expect(leaves(rubric.indicators).map((i) => i.name)).toEqual(['在职人员控制率', '重点支出安排率', '预算完成率', '资金使用合规性', '管理制度健全性', '实际完成率', '社会效益']);
  });

  it('turns each 评分标准 into a rule that keeps its source cell and original text; uncomputable ones are unknown', () => {
    const all = leaves(rubric.indicators);
    expect(all.map((i) => i.rule?.kind)).toEqual(['control-rate', 'score-bands', 'proportional', 'per-instance', 'unknown', 'unknown', 'unknown']);
    for (const indicator of all) {
      expect(indicator.rule?.origin?.location).toMatch(cell);
      expect(indicator.rule?.origin?.text).toBe(RUBRIC_TABLE.find((r) => r[2] === indicator.name)![4]);
    }
    expect(all[4]!.rule).toMatchObject({ kind: 'unknown', description: JUDGED });
  });

  it('checks a report with it (--rubric): a score against the imported rule is caught with the formula', () => {
    const parse = (text: string) => {
      const parsed = parseReportText(text, { name: 'report.md' });
      if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
      return parsed.report;
    };
    const clean = checkReport(parse(report('103.2', '3.4')), rubric);
    expect(clean.rubricChoice).toMatchObject({ how: 'forced', matchedLeaves: 7 });
    expect(clean.findings.filter((f) => f.ruleId === 'score/rubric-rule' && f.severity === 'warning')).toEqual([]);
    expect(clean.findings.filter((f) => f.ruleId === 'score/unmatched-indicator')).toEqual([]);
    const wrong = checkReport(parse(report('103.2', '5')), rubric);
    const caught = wrong.findings.filter((f) => f.ruleId === 'score/rubric-rule' && f.severity === 'warning');
    expect(caught).toMatchObject([{ expected: '3.4', actual: '5', indicatorId: '投入/预算配置/在职人员控制率' }]);
    expect(caught[0]!.formula).toContain('超 3.2 个百分点 × 0.5 = 扣 1.6 分');
    expect(caught[0]!.message).toContain(CONTROL);
  });
});

describe('rubric import refuses what is not a 评分细则', () => {
  it('a document without a table, or a table without indicator and 分值/评分标准 columns, is one Chinese sentence', async () => {
    const text = await readDocument('说明.md', new TextEncoder().encode('某县评分说明\n\n没有表格。\n'));
    expect(text.ok && importRubric(text.document)).toMatchObject({ ok: false, message: expect.stringContaining('没有表格') });
    const table = await readDocument('名单.xlsx', await toXlsx([{ name: 'Sheet1', table: [['姓名', '电话'], ['张三', '123']] }]));
    expect(table.ok && importRubric(table.document)).toMatchObject({ ok: false, message: expect.stringContaining('没有找到指标列') });
  });

  it('the written YAML starts with a comment naming its source', async () => {
    await importFile('细则.xlsx', await toXlsx([{ name: 'Sheet1', table: RUBRIC_TABLE }]));
    expect(await readFile(join(dir, '细则.xlsx.yaml'), 'utf8')).toMatch(/^# 本地评分细则，由 selfeval rubric import 从 细则\.xlsx 导入/u);
  });
});
