import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { readReportBytes } from '../../src/report/parse-report.ts';
import { analyzeReport } from '../../src/assistant/report-context.ts';
import { composeDraft } from '../../src/assistant/draft-service.ts';
import { terminalText } from '../../src/cli/assistant-cli.ts';
import { renderReply } from '../../src/cli/commands/chat.ts';
import { buildEvidence, traceNumbers } from '../../src/assistant/guard/number-trace.ts';
import { differenceOf } from '../../src/model/computation.ts';
import { withSourceNames } from '../../src/assistant/answers/rubric-quote.ts';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';

describe('draft 存在问题: every number names the place it comes from', () => {
  it('the 政府采购 weight and deduction trace to its own line and its own 2 − 0, not to the 支出率 6 − 4', async () => {
    const parsed = await readReportBytes('lechang.txt', readFileSync(SAMPLE_REPORT_PATH));
    if (!parsed.ok) throw new Error('sample unreadable');
    const context = analyzeReport('lechang.txt', parsed.report, await loadRubric());
    const draft = await composeDraft(context, '存在问题');
    const second = draft.numbers.findIndex((n) => n.value === '65.02 万元');
    expect(second).toBeGreaterThan(0);
    const after = draft.numbers.slice(second).filter((n) => n.value === '2 分').slice(0, 2);
    expect(after.map((n) => n.source)).toEqual(['line 123', 'computed: 2 分 − 0 分 = 2 分']);
    expect(draft.numbers.find((n) => n.value === '2 分')?.source).toBe('computed: 6 分 − 4 分 = 2 分');
  });

  it('the guard still traces a computed number whose operands are not written nearby', () => {
    const lost = differenceOf({ value: 6, unit: '分' }, { value: 4, unit: '分' });
    const evidence = buildEvidence({ computations: [lost] });
    const result = traceNumbers('合计扣 2 分。', evidence);
    expect(result.ok).toBe(true);
    expect(result.traced[0]?.source).toBe('computed: 6 分 − 4 分 = 2 分');
  });
});

describe('answers people can read', () => {
  it('terminal text leaves no raw Markdown: bold rendered on a colour terminal, plain elsewhere', () => {
    const text = '**政府采购执行率**（分值 2 分）\n# 标题\n* 一项\n用 `selfeval check` 查看';
    expect(terminalText(text)).toBe('政府采购执行率（分值 2 分）\n标题\n- 一项\n用 selfeval check 查看');
    expect(terminalText(text, { color: true })).toContain('\u001b[1m政府采购执行率\u001b[22m');
    const rendered = renderReply({ text, citations: [{ source: 'a.md', quote: '**粗体**引文' }], findings: [], mode: 'offline', notes: [] }, { color: false });
    expect(rendered).not.toContain('**');
    expect(rendered).toContain('粗体引文');
  });

  it('source codes become the sources’ names; unknown codes stay', async () => {
    const rubric = await loadRubric();
    const named = withSourceNames('外地做法（S5、S6），另见 S2–S3 和 S99', rubric);
    expect(named).not.toMatch(/S5|S6|S2–S3/u);
    expect(named).toContain(rubric.sources.find((s) => s.id === 'S6')!.title);
    expect(named).toContain(rubric.sources.find((s) => s.id === 'S3')!.title);
    expect(named).toContain('S99');
  });
});
