import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkReport } from '../../../src/checks/engine.js';
import type { CheckResult } from '../../../src/checks/format/check-result.js';
import { checkResultToJson, formatFolderJson, formatJson } from '../../../src/checks/format/json.js';
import { formatFolderMarkdown, formatMarkdown } from '../../../src/checks/format/markdown.js';
import { formatFolderText, formatText } from '../../../src/checks/format/text.js';
import { FindingSchema, IndicatorLeafJsonSchema } from '../../../src/model/index.js';
import { BUNDLED_RUBRIC, parseText, SAMPLE_TEXT, sampleWith } from '../rule-tester.js';

function resultOf(text: string): CheckResult {
  const outcome = checkReport(parseText(text), BUNDLED_RUBRIC);
  return { report: outcome.report, findings: outcome.findings, rubric: BUNDLED_RUBRIC };
}

const ContractSchema = z.object({
  report: z.object({
    title: z.string(), department: z.string().nullable(), year: z.number().nullable(),
    statedTotal: z.number().nullable(), computedTotal: z.number(), bonus: z.number().nullable(),
    indicators: z.array(IndicatorLeafJsonSchema),
  }).strict(),
  rubric: z.object({ id: z.string(), name: z.string() }).strict(), // added: which rubric was used (contract allows new fields)
  findings: z.array(FindingSchema),
}).strict();

describe('json format (architecture.md contract)', () => {
  const json = JSON.parse(formatJson(resultOf(SAMPLE_TEXT))) as unknown;

  it('has exactly the contract shape', () => {
    expect(ContractSchema.safeParse(json).success).toBe(true);
  });

  it('shows the sample totals: stated 99, computed 99, bonus 3, 26 assessed leaves scoring 96 plus one 不考核', () => {
    const { report, findings } = ContractSchema.parse(json);
    expect(report).toMatchObject({ title: '2024年度部门整体支出绩效自评报告', department: '乐昌市政务服务和数据管理局', year: 2024, statedTotal: 99, computedTotal: 99, bonus: 3 });
    const assessed = report.indicators.filter((i) => i.assessed);
    expect(assessed).toHaveLength(26);
    expect(assessed.reduce((s, i) => s + (i.score ?? 0), 0)).toBe(96);
    expect(report.indicators.filter((i) => !i.assessed)).toEqual([
      { path: ['预算执行', '资金管理', '资金下达合法性'], name: '资金下达合法性', level: 3, weight: 3, score: null, assessed: false, line: 131 },
    ]);
    expect(report.indicators.find((i) => i.name === '政府采购执行率')).toEqual({
      path: ['预算执行', '资金管理', '政府采购执行率'], name: '政府采购执行率', level: 3, weight: 2, score: 0, assessed: true, line: 123,
    });
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'formula/rubric-rate' && f.line === 125)?.expected).toBe('107.15%');
  });

  it('computes the total from the scores, not from the stated one', () => {
    expect(checkResultToJson(resultOf(sampleWith([65, '99 分', '98 分']))).report).toMatchObject({ statedTotal: 98, computedTotal: 99 });
  });
});

describe('text format', () => {
  const text = formatText(resultOf(SAMPLE_TEXT));

  it('groups findings by severity with a header of totals and a closing summary line', () => {
    expect(text).toContain('总分：报告写 99 分（第 65 行）；按各项计算 96 + 3 = 99');
    expect(text.indexOf('错误（0）')).toBeLessThan(text.indexOf('警告（'));
    expect(text.indexOf('警告（')).toBeLessThan(text.indexOf('提示（'));
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^共 \d+ 条：错误 0，警告 \d+，提示 \d+$/u);
    expect(text).toContain('第 185 行');
    expect(text).toContain('│  227: 在绩效管理实施中');
  });

  it('lists errors first when there are some', () => {
    const broken = formatText(resultOf(sampleWith([39, '231.11', '231.21'])));
    expect(broken).toContain('错误（1）');
    expect(broken).toContain('[formula/sum-of-parts]');
  });
});

describe('markdown format', () => {
  it('has headings per severity and escapes nothing it should not', () => {
    const md = formatMarkdown(resultOf(SAMPLE_TEXT));
    expect(md.startsWith('## 检查结果：2024年度部门整体支出绩效自评报告')).toBe(true);
    expect(md).toContain('### 错误（0）');
    expect(md).toMatch(/### 警告（\d+）/u);
    expect(md).toContain('`formula/rubric-rate`');
    expect(md).toContain('- 算式：`决算支出 65.02 万元 ÷ 政府采购预算 60.68 万元 × 100% = 107.15%`');
  });
});

describe('folder formats', () => {
  const entries = [
    { file: 'a.txt', result: resultOf(SAMPLE_TEXT) },
    { file: 'b.txt', result: resultOf(sampleWith([65, '99 分', '98 分'])) },
    { file: 'c.doc', problem: '不支持旧版 Word（.doc）文件。' },
  ];

  it('text: one row per file with totals, counts and a verdict', () => {
    const table = formatFolderText(entries);
    expect(table).toMatch(/a\.txt\s+99 \/ 99\s+0\s+\d+\s+\d+\s+通过/u);
    expect(table).toMatch(/b\.txt\s+98 \/ 99\s+1\s+\d+\s+\d+\s+有错误/u);
    expect(table).toContain('无法检查：不支持旧版 Word');
    expect(table).toContain('共 3 个文件：已检查 2，无法读取 1');
  });

  it('markdown and json carry the same rows', () => {
    expect(formatFolderMarkdown(entries).split('\n').filter((l) => l.startsWith('| ')).length).toBe(4);
    const json = JSON.parse(formatFolderJson(entries)) as { files: { file: string; problem?: string; report?: { computedTotal: number } }[] };
    expect(json.files.map((f) => [f.file, f.report?.computedTotal ?? f.problem])).toEqual([['a.txt', 99], ['b.txt', 99], ['c.doc', '不支持旧版 Word（.doc）文件。']]);
  });
});
