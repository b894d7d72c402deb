import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/deduction-explained.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';

describe('score/deduction-explained', () => {
  it('lists both deductions of the sample with weight → score and the report reason', () => {
    const findings = runRule(rule);
    expect(bySeverity(findings, 'warning')).toEqual([]);
    expect(findings.map((f) => [f.indicatorId, f.line, f.formula])).toEqual([
      ['预算执行/资金管理/部门预算资金支出率', 113, '6 − 4 = 2'],
      ['预算执行/资金管理/政府采购执行率', 125, '2 − 0 = 2'],
    ]);
    expect(findings[0]!.message).toContain('6 → 4 分');
    expect(findings[0]!.message).toContain('项目经费申请未通过');
    expect(findings[1]!.message).toContain('2 → 0 分');
    expect(findings[1]!.message).toContain('采购LED大屏支出超出预算');
  });

  it('warns about lost points whose text gives no reason', () => {
    const findings = bySeverity(runRule(rule, sampleWith([81, '自评得分5分', '自评得分4分'])), 'warning');
    expect(findings).toMatchObject([{ line: 81, indicatorId: '预算编制/预算编制/预算编制规范性' }]);
    expect(findings[0]!.message).toContain('没有说明扣分原因');
  });

  it('warns when nothing at all follows the lowered score', () => {
    const text = sampleWith([161, '自评得分 3 分,本单位实际在用固定资产总额与所有固定资产总额的比例为 100%。', '自评得分 2 分。']);
    expect(bySeverity(runRule(rule, text), 'warning')).toMatchObject([{ line: 161 }]);
  });
});
