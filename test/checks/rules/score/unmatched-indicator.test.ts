import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/unmatched-indicator.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('score/unmatched-indicator', () => {
  it('finds nothing on the sample: every indicator matches the bundled rubric (aliases included)', () => {
    expect(runRule(rule)).toEqual([]);
  });

  it('reports an indicator the rubric does not know, and the rubric indicator it replaced', () => {
    const findings = runRule(rule, sampleWith([145, '项目监管', '项目宣传推广']));
    expect(findings.map((f) => f.severity)).toEqual(['info', 'info']);
    expect(findings[0]).toMatchObject({ line: 145, indicatorId: '预算执行/项目管理/项目宣传推广' });
    expect(findings[1]!.message).toContain('“项目监管”');
  });
});
