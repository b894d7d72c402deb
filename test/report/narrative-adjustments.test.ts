import { describe, expect, it } from 'vitest';
import { parsedText as parsed } from '../helpers/report-shapes-extra.js';

/** A narrative 加分项/减分项 heading whose points are written "加1分" / "扣0.5分" (not as a score) is an adjustment. */

const report = (tail: string) => `某区示范局2024年度部门整体支出绩效自评报告
一、总体情况
本局自评基本分94分，综合得分95分。
二、指标自评情况
（一）决策指标（100分）
1.目标设定（100分）
该项得分：94分。部分目标未细化，扣6分。
${tail}`;

describe('narrative adjustments written as 加/扣 N 分', () => {
  const cases: [string, string, number | null][] = [
    ['加分项：加1分', '（二）加分项\n获得省级文明城市测评先进单位表彰，加1分。', 1],
    ['two awards: 加1分 + 加0.5分', '（二）加分项\n获得省级表彰，加1分；获得市级表彰，加0.5分。', 1.5],
    ['减分项：扣2分', '（二）减分项\n审计发现问题1个，扣2分。', -2],
    ['a standard’s cap and per-item points are not the points given', '（二）加分项\n评分标准：每获得1项省级表彰加1分，最高加3分。本年度未获得表彰。', null],
  ];

  it.each(cases)('%s', async (_name, tail, score) => {
    const { bonus } = parsed(report(tail));
    expect(bonus?.score ?? null).toBe(score);
  });
});
