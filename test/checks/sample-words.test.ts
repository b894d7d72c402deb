import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { formatText } from '../../src/checks/format/text.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import type { Rubric, RubricIndicator } from '../../src/model/index.js';
import { parseText } from './rule-tester.js';
import { REPORT_SHAPES } from '../helpers/report-shapes.js';

/**
 * The bundled rubric is used for every report of its indicator system, not only for the sample it was written from:
 * what it says in findings about another department's report must be general (what is known, from where, what is
 * unknown), never the sample's own case ("样例支出率 58.48% 得 4 分", "样例执行率 107.15%"). What the sample shows
 * lives in the source notes.
 */

const SAMPLE_WORDS = /样例|示例报告|乐昌|58\.48|107\.15/u;

const shape = REPORT_SHAPES[0]!; // a Guangdong-style narrative of another department, in the same system
const narrative = shape.items.map((item) => (typeof item === 'string' ? item : '')).join('\n');

/** Every self-assessed score lowered by one point: each leaf's rule (known or not) is then quoted in a finding. */
const everyLeafLosesAPoint = narrative.replace(/自评得分(\d+)分/gu, (_m, n: string) => `自评得分${Math.max(0, Number(n) - 1)}分`);

function leavesOf(indicators: readonly RubricIndicator[]): RubricIndicator[] {
  return indicators.flatMap((i) => (i.children && i.children.length > 0 ? leavesOf(i.children) : [i]));
}

describe('no sample words in what the bundled rubric says about another report', () => {
  it('the narrative is another department in the sample\'s system (the test would prove nothing otherwise)', async () => {
    expect(narrative).not.toMatch(SAMPLE_WORDS);
    expect(everyLeafLosesAPoint).not.toBe(narrative);
    const outcome = checkReport(parseText(narrative), await loadRubric());
    expect(outcome.rubricChoice.rubric.id).toBe('lechang-2024');
  });

  it.each([
    ['as written (full scores beside rates under 100%)', narrative, 'score/full-score-admits-shortfall'],
    ['every leaf one point lower', everyLeafLosesAPoint, 'score/rubric-rule'],
  ])('%s: findings and check output are general', async (_name, text, quotingRule) => {
    const outcome = checkReport(parseText(text), await loadRubric());
    const quoting = outcome.findings.filter((f) => f.ruleId === quotingRule);
    expect(quoting.length).toBeGreaterThan(1); // the rubric's rule texts are really quoted
    const leaks = outcome.findings.filter((f) => SAMPLE_WORDS.test(`${f.message} ${f.formula ?? ''} ${f.expected ?? ''}`));
    expect(leaks.map((f) => `${f.ruleId} 第${f.line}行 ${f.message}`)).toEqual([]);
    // The terminal output as a user sees it; its "评分细则：" line names which bundled rubric was used, by design.
    const output = formatText({ report: outcome.report, findings: outcome.findings, rubric: outcome.rubricChoice.rubric });
    const lines = output.split('\n').filter((line) => !line.startsWith('评分细则：'));
    expect(lines.filter((line) => SAMPLE_WORDS.test(line))).toEqual([]);
  });

  it('every rubric-rule info on the lowered report quotes a general rule text', async () => {
    const rubric: Rubric = await loadRubric();
    const outcome = checkReport(parseText(everyLeafLosesAPoint), rubric);
    const infos = outcome.findings.filter((f) => f.ruleId === 'score/rubric-rule' && f.severity === 'info');
    const unknownLeaves = leavesOf(rubric.indicators).filter((leaf) => leaf.rule?.kind === 'unknown' && !leaf.optional);
    expect(infos.length).toBeGreaterThanOrEqual(unknownLeaves.length - 2); // leaves at 0 or not assessed stay silent
    for (const info of infos) expect(info.message).not.toMatch(SAMPLE_WORDS);
  });

  it('the bundled rubric keeps the sample\'s case in source notes, not in rule descriptions or definitions', async () => {
    const rubric = await loadRubric();
    const all = (indicators: readonly RubricIndicator[]): RubricIndicator[] => indicators.flatMap((i) => [i, ...all(i.children ?? [])]);
    const texts = all(rubric.indicators).flatMap((i) => [`${i.id} 定义：${i.definition}`, ...(i.rule ? [`${i.id} 规则：${i.rule.description}`] : [])]);
    expect(texts.filter((t) => SAMPLE_WORDS.test(t))).toEqual([]);
    const notes = all(rubric.indicators).flatMap((i) => (i.rule?.sources ?? []).map((s) => s.note ?? ''));
    expect(notes.join('\n')).toMatch(/58\.48%/u); // the sample's facts are kept, beside the rule
    expect(notes.join('\n')).toMatch(/107\.15%/u);
  });
});
