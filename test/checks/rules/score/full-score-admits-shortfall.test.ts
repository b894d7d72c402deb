import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/full-score-admits-shortfall.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('score/full-score-admits-shortfall', () => {
  it('flags the three full scores the sample itself contradicts', () => {
    const findings = runRule(rule);
    expect(findings.map((f) => [f.indicatorId, f.severity, f.line])).toEqual([
      ['预算编制/目标设置/绩效目标合理性', 'warning', 99],
      ['预算执行/资金管理/结转结余率', 'warning', 117],
      ['资金使用效益/效率性/绩效目标完成率', 'warning', 185],
    ]);
    expect(findings[0]!.message).toContain('绩效目标不够科学合理');
    expect(findings[0]!.related?.map((r) => r.line)).toContain(227);
    expect(findings[1]!.message).toContain('58.48%');
    expect(findings[2]!.message).toContain('离实现绩效目标有差距');
  });

  it('is quiet once the score admits the shortfall, or the problem text no longer says so', () => {
    const lowered = runRule(rule, sampleWith([99, '自评得分4分', '自评得分3分']));
    expect(lowered.map((f) => f.indicatorId)).not.toContain('预算编制/目标设置/绩效目标合理性');
    const noProblem = runRule(rule, sampleWith([227, '设定的绩效目标不够科学合理，离实现绩效目标有差距', '绩效管理工作仍需加强']));
    expect(noProblem.map((f) => f.line)).toEqual([117]);
  });

  it('flags a full score whose own text admits an unfinished task', () => {
    const text = sampleWith([189, '所有项目均按计划时间完成', '个别项目未完成']);
    const finding = runRule(rule, text).find((f) => f.indicatorId === '资金使用效益/效率性/项目完成及时性');
    expect(finding?.message).toContain('未完成');
  });
});
