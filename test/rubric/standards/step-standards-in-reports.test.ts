import { describe, expect, it } from 'vitest';
import { checkReport } from '../../../src/checks/engine.js';
import type { Finding } from '../../../src/model/index.js';
import { loadRubric } from '../../../src/rubric/load-rubric.js';
import { readReportBytes } from '../../../src/report/parse-report.js';
import type { FixtureItem, FixtureTable } from '../../helpers/report-fixtures.js';
import { shapeFile, type ShapeFormat } from '../../helpers/report-shapes.js';
import { hasCjkFont } from '../../helpers/report-variants.js';

/**
 * A report whose own 评分标准 are "threshold + decrement per point" in several phrasings, as a .xlsx/.docx/.pdf table and
 * as a narrative (.txt/.pdf): each deduction is computed by its row's standard (98% under "100%得满分，每降低1%扣0.5分"
 * gives 9 of 10), never "不在评分标准所列的任何一档之内"; a score written one step off is exactly one finding.
 */

interface Row {
  block: string;
  name: string;
  weight: number;
  standard: string;
  score: string;
  stated: string; // the sentence that states the measured value
}

const ROWS: Row[] = [
  { block: '投入', name: '预算执行率', weight: 10, standard: '预算执行率100%得满分，每降低1%扣0.5分，扣完为止', score: '9', stated: '预算执行率98%' },
  { block: '投入', name: '结转结余控制', weight: 5, standard: '控制在5%以内得满分，每超出1%扣0.5分', score: '4.5', stated: '结转结余率为6%' },
  { block: '投入', name: '政府采购执行率', weight: 5, standard: '≥95%得5分；85%（含）-95%得3分；<85%得0分', score: '3', stated: '政府采购执行率88.3%' },
  { block: '产出', name: '培训计划完成率', weight: 20, standard: '达到100%的得满分，每低1个百分点扣0.2分', score: '19', stated: '培训计划完成率95%' },
  { block: '产出', name: '项目验收合格率', weight: 20, standard: '≥100%得满分，每下降1%扣1分，扣完为止', score: '17', stated: '项目验收合格率97%' },
  { block: '效益', name: '服务对象满意度', weight: 20, standard: '满意度100%得满分，每少1%扣0.5分', score: '16', stated: '满意度为92%' },
  { block: '效益', name: '投诉办结率', weight: 20, standard: '办结率≥100%得满分，每降低1%扣1分，扣完为止', score: '20', stated: '办结率100%' },
];
const TOTAL = '88.5'; // 9 + 4.5 + 3 + 19 + 17 + 16 + 20
const WRONG_TOTAL = '89'; // with 预算执行率 written 9.5
const TITLE = '某区人力资源服务中心2024年度部门整体支出绩效自评报告';

function table(rows: readonly Row[], total = TOTAL): FixtureTable {
  return [
    ['一级指标', '二级指标', '分值', '评分标准', '得分', '评分说明'],
    ...rows.map((r, i) => [i > 0 && rows[i - 1]!.block === r.block ? '^' : `${r.block}`, r.name, String(r.weight), r.standard, r.score, r.stated]),
    ['合计', '<', '100', '', total, ''],
  ];
}

function narrative(rows: readonly Row[], total = TOTAL): FixtureItem[] {
  const lines = [TITLE, '一、部门基本情况', '本中心负责全区就业培训和人才服务工作。', '二、绩效自评结论', `本中心2024年度自评得分${total}分。`, '三、指标完成及得分情况'];
  rows.forEach((r, i) => {
    lines.push(`${i + 1}.${r.name}（${r.weight}分）。评分标准：${r.standard}。${r.stated}，得${r.score}分。`);
  });
  lines.push('四、存在问题', '部分培训未按计划开展。');
  return lines;
}

const SHAPES: { name: string; items: (rows: readonly Row[], total?: string) => FixtureItem[]; formats: ShapeFormat[] }[] = [
  { name: '每降低1%扣分评分表', items: (rows, total) => [TITLE, { table: table(rows, total) }], formats: ['xlsx', 'docx', 'pdf'] },
  { name: '每降低1%扣分叙述式', items: narrative, formats: ['txt', 'pdf'] },
];

const cases = SHAPES.flatMap((s) => s.formats.filter((f) => f !== 'pdf' || hasCjkFont).map((f) => [`${s.name} .${f}`, s, f] as const));

async function findingsOf(name: string, items: FixtureItem[], format: ShapeFormat): Promise<Finding[]> {
  const file = await shapeFile({ name }, items, format);
  const parsed = await readReportBytes(file.name, file.bytes);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('；'));
  return checkReport(parsed.report, await loadRubric()).findings;
}

const shown = (f: Finding) => `${f.severity} ${f.ruleId} ${f.message}`;

describe('threshold + decrement standards in reports', () => {
  it.each(cases)('%s: every deduction agrees with its own standard, none is out of every band', async (_n, shape, format) => {
    const findings = await findingsOf(shape.name, shape.items(ROWS), format);
    expect(findings.filter((f) => f.severity !== 'info').map(shown)).toEqual([]);
    expect(findings.filter((f) => /不在评分标准所列的任何一档之内|无法自动计算/u.test(f.message)).map(shown)).toEqual([]);
  });

  it.each(cases)('%s: a score one step off is exactly one finding with the standard\'s score', async (_n, shape, format) => {
    const wrong = ROWS.map((r) => (r.name === '预算执行率' ? { ...r, score: '9.5' } : r));
    const findings = await findingsOf(shape.name, shape.items(wrong, WRONG_TOTAL), format);
    const loud = findings.filter((f) => f.severity !== 'info');
    expect(loud.map(shown)).toHaveLength(1);
    expect(loud[0]).toMatchObject({ ruleId: 'score/own-standard', expected: '9' });
  });
});
