import { describe, expect, it } from 'vitest';
import { queryOf } from '../../src/report/query/report-query.js';
import { parsedText as parsed } from '../helpers/report-shapes-extra.js';

/** A narrative indicator's own 评分标准 sentence becomes its standard (from: evidence-sentence); other mentions do not. */

const report = (body: string) => `某县示范局2024年度部门整体支出绩效自评报告
一、自评结论
对照评分标准，本局2024年度自评得分94.52分。
二、指标分析
（一）预算执行（100分）
1.预算执行率（5分）。${body}
2.资金使用合规性（95分）。未发现违规使用资金情况，得90分。`;

describe('withEvidenceStandards: the standard a narrative indicator states for itself', () => {
  const cases: [string, string, string | null][] = [
    ['评分标准：', '评分标准：预算执行率达到100%得满分，每低1个百分点扣0.2分。该项实际执行率为97.6%，得4.52分。', '预算执行率达到100%得满分，每低1个百分点扣0.2分'],
    ['计分方法为', '计分方法为按执行率×分值计分。执行率为90.4%，得4.52分。', '按执行率×分值计分'],
    ['评分办法（bands with ；）', '评分办法：≥95%得5分；90%-95%得4.52分；<90%得3分。执行率为93%，得4.52分。', '≥95%得5分；90%-95%得4.52分；<90%得3分'],
    ['按照“…”的标准 after the value', '执行率为97.6%，按照“执行率达到100%得满分，每低1个百分点扣0.2分”的标准，得4.52分。', '执行率达到100%得满分，每低1个百分点扣0.2分'],
    ['评分标准为“…”', '评分标准为“达到100%得满分，每低1个百分点扣0.2分”。执行率为97.6%，得4.52分。', '达到100%得满分，每低1个百分点扣0.2分'],
    ['no label: none', '预算执行率为97.6%，得4.52分。', null],
    ['a label that states nothing ("对照评分标准逐项自评"): none', '对照评分标准逐项自评。执行率97.6%，得4.52分。', null],
  ];

  it.each(cases)('%s', async (_name, body, standard) => {
    const leaf = queryOf(parsed(report(body))).leaves().find((l) => l.name === '预算执行率')!;
    expect(leaf.score).toBe(4.52);
    expect(leaf.standard ?? null).toBe(standard);
    if (standard !== null) expect(leaf.standardSource).toMatchObject({ from: 'evidence-sentence', line: leaf.line });
  });

  it('the sibling without a standard sentence keeps none', async () => {
    const leaves = queryOf(parsed(report(cases[0]![1]))).leaves();
    expect(leaves.find((l) => l.name === '资金使用合规性')!.standard ?? null).toBeNull();
  });
});
