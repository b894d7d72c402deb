import { describe, expect, it } from 'vitest';
import rule from '../../../../src/checks/rules/consistency/same-quantity.js';
import { runRule, sampleWith } from '../../rule-tester.js';

describe('consistency/same-quantity', () => {
  it('on the sample: one warning for 村(居) 225 / 253 / 215 with all four lines; 251 台 and 19 个 agree', () => {
    const findings = runRule(rule);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ severity: 'warning', line: 185 });
    expect(findings[0]!.message).toContain('村（居）');
    expect(findings[0]!.message).toContain('225 个（第 43、51 行）');
    expect(findings[0]!.message).toContain('253 个（第 185 行）');
    expect(findings[0]!.message).toContain('215 个（第 223 行）');
    expect(findings[0]!.related?.map((r) => r.line)).toEqual([43, 51, 185, 223]);
  });

  it.each([
    ['粤智助 machines', 213, '251 台', '215 台', '粤智助'],
    ['镇（街） count', 51, '19 个', '18 个', '镇'],
    ['the same rate written twice', 117, '58.48%', '58.40%', '预算资金支出率'],
    ['a repeated total', 217, '923 个', '932 个', '已挂接数据目录数'],
  ])('flags a changed %s', (_label, line, from, to, name) => {
    const findings = runRule(rule, sampleWith([line, from, to]));
    const finding = findings.find((f) => f.related?.some((r) => r.line === line) && !f.message.includes('村（居）'));
    expect(finding?.severity).toBe('warning');
    expect(finding?.message).toContain(name);
  });
});
