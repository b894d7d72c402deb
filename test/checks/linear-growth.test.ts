import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import type { CheckResult } from '../../src/checks/format/check-result.js';
import { formatJson } from '../../src/checks/format/json.js';
import { formatMarkdown } from '../../src/checks/format/markdown.js';
import { formatText } from '../../src/checks/format/text.js';
import type { Finding } from '../../src/model/index.js';
import { BUNDLED_RUBRIC, parseText, SAMPLE_TEXT } from './rule-tester.js';

/**
 * A report made of k copies of the sample (as the bench's 100× report is). What the checks produce must grow
 * linearly with k — no finding repeated once per pair of copies, no finding quoting every copy — and the terminal
 * output must stay readable: a finding repeated at every copy is one entry with its places counted.
 */
function checkCopies(k: number): CheckResult {
  const text = Array.from({ length: k }, () => SAMPLE_TEXT).join('\n');
  const outcome = checkReport(parseText(text), BUNDLED_RUBRIC);
  return { report: outcome.report, findings: outcome.findings, rubric: BUNDLED_RUBRIC };
}

/** The size of the findings as data: one per finding plus one per quoted line. */
function size(findings: readonly Finding[]): number {
  return findings.reduce((total, f) => total + 1 + (f.related?.length ?? 0), 0);
}

describe('checks stay linear in the number of copies of a report', () => {
  const results = new Map([2, 4, 8].map((k) => [k, checkCopies(k)]));
  const at = (k: number) => results.get(k)!;

  it('the findings and their quoted lines grow by the same amount for every added copy (no pairs of copies)', () => {
    const [two, four, eight] = [2, 4, 8].map((k) => size(at(k).findings));
    expect(eight! - four!).toBe(2 * (four! - two!));
    const counts = [2, 4, 8].map((k) => at(k).findings.length);
    expect(counts[2]! - counts[1]!).toBe(2 * (counts[1]! - counts[0]!));
  });

  it('a sentence repeated in every copy is quoted once per finding, not once per copy', () => {
    const contradiction = at(8).findings.filter((f) => f.ruleId === 'consistency/rate-contradiction');
    expect(contradiction).toHaveLength(8);
    for (const f of contradiction) expect(f.related).toHaveLength(2); // the spending rate's two sentences, nearest copy
    const headcount = at(8).findings.filter((f) => f.ruleId === 'consistency/headcount');
    expect(headcount).toHaveLength(8); // 编制 18 vs 19 per copy; 在编 6 + 6 = 12 agrees as on one copy
    for (const f of headcount) expect(f).toMatchObject({ expected: '18', actual: '19', formula: '9 + 9 = 18' });
    const admitted = at(8).findings.filter((f) => f.ruleId === 'score/full-score-admits-shortfall');
    for (const f of admitted) expect(f.message.match(/“存在问题”写道/gu)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('text and markdown list a finding repeated at every copy once, with the first 5 places and 等共 N 处', () => {
    const text = formatText(at(8));
    expect(text).toContain('等共 8 处');
    const headcount = at(8).findings.filter((f) => f.ruleId === 'consistency/headcount').map((f) => f.line);
    expect(headcount).toHaveLength(8);
    expect(text).toContain(`• 第 ${headcount.slice(0, 5).join('、')} 行等共 8 处  [consistency/headcount]`);
    expect(text.split('\n').filter((l) => l.includes('[consistency/headcount]'))).toHaveLength(1);
    expect(formatMarkdown(at(8))).toContain(`**第 ${headcount.slice(0, 5).join('、')} 行等共 8 处**`);
    // One wrong total written at every copy is one finding naming its places (and quoting each).
    const total = at(8).findings.filter((f) => f.ruleId === 'score/total-matches');
    expect(total).toHaveLength(1);
    expect(total[0]!.message).toMatch(/第 [\d、]+ 行等共 8 处/u);
    expect(total[0]!.related!.filter((r) => /99/u.test(r.text))).toHaveLength(1); // the same sentence in every copy, quoted once
    // Bounded: twice the copies, the same number of lines.
    expect(text.split('\n')).toHaveLength(formatText(at(4)).split('\n').length);
    expect(formatMarkdown(at(8)).split('\n')).toHaveLength(formatMarkdown(at(4)).split('\n').length);
    expect(text).toContain(`共 ${at(8).findings.length} 条`);
    const totals = at(8).report.statedTotals.map((t) => t.line);
    expect(totals).toHaveLength(8);
    expect(text).toContain(`总分：报告写 99 分（第 ${totals.slice(0, 5).join('、')} 行等共 8 处）；`);
  });

  it('JSON keeps every finding and every quoted line', () => {
    const json = JSON.parse(formatJson(at(8))) as { findings: Finding[] };
    expect(json.findings).toHaveLength(at(8).findings.length);
    expect(size(json.findings)).toBe(size(at(8).findings));
  });
});
