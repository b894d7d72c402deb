import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/weights-sum.js';
import { bySeverity, runRule, sampleWith } from '../../rule-tester.js';

describe('score/weights-sum', () => {
  it('on the sample: no error, and one info explaining 资金管理 22 = 25 − 3 by the 不考核 item', () => {
    const findings = runRule(rule);
    expect(bySeverity(findings, 'error')).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'info', line: 109, formula: '22 = 25 − 3', indicatorId: '预算执行/资金管理' });
    expect(findings[0]!.message).toContain('资金下达合法性');
    expect(findings[0]!.message).toContain('除去不考核');
    expect(findings[0]!.related?.map((r) => r.line)).toEqual([109, 131]);
  });

  it.each([
    ['a leaf weight (部门预算资金支出率 6 → 7)', 111, '(6 分)', '(7 分)', 109, '资金管理'],
    ['a level-2 weight (预算编制 18 → 17)', 71, '指标分值 18 分', '指标分值 17 分', 71, '预算编制'],
    ['a leaf under 效率性 (3 → 4)', 179, '(3分)', '(4分)', 177, '效率性'],
  ])('flags %s as an error at the parent', (_label, line, from, to, errorLine, name) => {
    const errors = bySeverity(runRule(rule, sampleWith([line, from, to])), 'error');
    expect(errors.map((f) => f.line)).toContain(errorLine);
    expect(errors.find((f) => f.line === errorLine)!.message).toContain(name);
  });

  it('flags top-level weights that no longer add up to the rubric total of 100', () => {
    const errors = bySeverity(runRule(rule, sampleWith([69, '（28 分）', '（29 分）'])), 'error');
    expect(errors.map((f) => f.message).join()).toContain('一级指标分值合计 101 分');
    expect(errors.find((f) => f.message.includes('一级指标'))).toMatchObject({ expected: '100', actual: '101' });
  });
});
