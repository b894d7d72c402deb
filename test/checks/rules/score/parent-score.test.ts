import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/parent-score.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('score/parent-score', () => {
  it('finds nothing on the sample (no parent states its own score)', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it('accepts a parent score that equals its children (资金管理 4+3+3+0+4+4 = 18, 不考核 counts 0)', () => {
    expect(runRule(rule, sampleWith([109, '指标分值 22 分。', '指标分值 22 分。自评得分 18 分。']))).toEqual([]);
  });

  it('flags a parent score that differs from the children sum', () => {
    const findings = runRule(rule, sampleWith([109, '指标分值 22 分。', '指标分值 22 分。自评得分 20 分。']));
    expect(findings).toMatchObject([{ severity: 'error', line: 109, expected: '18', actual: '20', formula: '4 + 3 + 3 + 0 + 4 + 0 + 4 = 18' }]);
    expect(findings[0]!.message).toContain('资金管理');
  });
});
