import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/score/unmatched-indicator.js';
import { runRule, SAMPLE_TEXT, sampleWith } from '../../rule-tester.js';
import { REPORT_OWN_RUBRIC } from '../../../../src/rubric/select-rubric.js';

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

describe('score/unmatched-indicator with a reference framework or no rubric', () => {
  it('a reference framework (53号) is a menu: no unmatched or missing notes', async () => {
    const { loadRubric, MOF_53_RUBRIC_PATH } = await import('../../../../src/rubric/load-rubric.js');
    const mof = await loadRubric(MOF_53_RUBRIC_PATH);
    expect(runRule(rule, SAMPLE_TEXT, mof)).toEqual([]);
    expect(runRule(rule, SAMPLE_TEXT, { ...mof, reference: false }).length).toBeGreaterThan(10); // the same rubric, not a menu
  });

  it('no rubric (the report’s own standards): nothing', () => {
    expect(runRule(rule, sampleWith([145, '项目监管', '项目宣传推广']), REPORT_OWN_RUBRIC)).toEqual([]);
  });
});
