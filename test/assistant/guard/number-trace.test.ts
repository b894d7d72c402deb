import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../../src/model/index.ts';
import { parseReportText } from '../../../src/report/parse-report.ts';
import { percentOf, differenceOf } from '../../../src/model/computation.ts';
import { buildEvidence, extractNumbers, guardFeedback, markUntraced, traceNumbers } from '../../../src/assistant/guard/number-trace.ts';
import { readSampleReportText } from '../../helpers/sample-report.ts';

let report: Report;

beforeAll(() => {
  const parsed = parseReportText(readSampleReportText(), { name: 'lechang.txt' });
  if (!parsed.ok) throw new Error('sample did not parse');
  report = parsed.report;
});

describe('extractNumbers', () => {
  it('reads each number with its unit, half-width or full-width, spaced or not', () => {
    const found = extractNumbers('支出率为58.48%，预算 60.68 万元，决算６５．０２万元，共 12 人，比率 0.85，3 个工作日');
    expect(found.map((m) => [m.value, m.unit])).toEqual([
      ['58.48', '%'],
      ['60.68', '万元'],
      ['65.02', '万元'],
      ['12', '人'],
      ['0.85', ''],
      ['3', '个工作日'],
    ]);
  });

  it('does not treat Chinese numerals, list markers or codes as figures', () => {
    const text = '一是支出率偏低；二是采购超预算。\n1. 第一点\n（2）第二点\n规则 score/within-weight，模型 gpt-4o，来源 S5、S6';
    expect(extractNumbers(text)).toEqual([]);
  });

  it('marks years and line references, including lists of lines', () => {
    const kinds = extractNumbers('2024 年预算；见第 125 行和第 43、51 行').map((m) => [m.value, m.kind]);
    expect(kinds).toEqual([
      ['2024', 'year'],
      ['125', 'line'],
      ['43', 'line'],
      ['51', 'line'],
    ]);
  });
});

describe('traceNumbers on the sample report', () => {
  it('accepts the report’s own figures with their units', () => {
    const evidence = buildEvidence({ report });
    const result = traceNumbers('2024 年政府采购预算 60.68 万元，决算支出 65.02 万元；支出率 58.48%，见第 113 行。', evidence);
    expect(result.ok).toBe(true);
    expect(result.traced.find((t) => t.mention.value === '60.68')?.source).toBe('line 125');
  });

  it('is unit-aware: 58.48% is in the report, 58.48 万元 is not', () => {
    const evidence = buildEvidence({ report });
    expect(traceNumbers('支出率 58.48%', evidence).ok).toBe(true);
    const wrong = traceNumbers('支出 58.48 万元', evidence);
    expect(wrong.ok).toBe(false);
    expect(wrong.untraced.map((m) => m.text)).toEqual(['58.48 万元']);
  });

  it('converts money between 元 and 万元', () => {
    expect(traceNumbers('政府采购预算 606800 元', buildEvidence({ report })).ok).toBe(true);
  });

  it('accepts 107.15% only when it was computed in this turn, at the shown precision', () => {
    expect(traceNumbers('执行率 107.15%', buildEvidence({ report })).ok).toBe(false);
    const computed = percentOf({ value: '65.02', unit: '万元' }, { value: '60.68', unit: '万元' })!;
    const evidence = buildEvidence({ report, computations: [computed] });
    expect(traceNumbers('执行率 107.15%，约 107.2%', evidence).ok).toBe(true);
    expect(traceNumbers('执行率 107.16%', evidence).ok).toBe(false);
  });

  it('rejects an invented figure, a line past the end and a year the report never mentions', () => {
    const evidence = buildEvidence({ report });
    const result = traceNumbers('支出率应达到 91.3%，见第 999 行，1998 年起执行。', evidence);
    expect(result.untraced.map((m) => m.text)).toEqual(['91.3%', '第999行', '1998 年']);
    expect(guardFeedback(result)).toContain('91.3%');
  });

  it('accepts numbers from findings, citations and the user’s question', () => {
    const diff = differenceOf({ value: 6, unit: '分' }, { value: 4, unit: '分' });
    const evidence = buildEvidence({
      report: null,
      findings: [{ ruleId: 'formula/rate', severity: 'info', message: 'x', line: 5, sectionPath: [], expected: '63.16%' }],
      citations: [{ source: 'guides/x.md', quote: '每超 1 个百分点扣 0.2 分', line: 9 }],
      computations: [diff],
      question: '支出率到 95% 行不行',
    });
    expect(traceNumbers('按 63.16% 算；每超 1 个百分点扣 0.2 分；扣 2 分；你说的 95%；见第 9 行', evidence).ok).toBe(true);
  });

  it('marks what it cannot trace instead of dropping it', () => {
    const evidence = buildEvidence({ report });
    const text = '支出率 58.48%，应为 91.3%。';
    expect(markUntraced(text, traceNumbers(text, evidence))).toBe('支出率 58.48%，应为 91.3%［待核实］。');
  });
});
