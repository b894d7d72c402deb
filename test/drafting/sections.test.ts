import { beforeAll, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/model/index.ts';
import { parseReportText } from '../../src/report/parse-report.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { analyzeReport, type ReportContext } from '../../src/assistant/report-context.ts';
import { composeDraft } from '../../src/assistant/draft-service.ts';
import { draftSection } from '../../src/drafting/draft-section.ts';
import { SECTION_KINDS } from '../../src/drafting/section-kinds.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mutateSampleLine, readSampleReportText, REPO_ROOT } from '../helpers/sample-report.ts';

let rubric: Rubric;
let sample: ReportContext;

function contextOf(text: string): ReportContext {
  const parsed = parseReportText(text, { name: 'report.txt' });
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return analyzeReport('report.txt', parsed.report, rubric);
}

beforeAll(async () => {
  rubric = await loadRubric();
  sample = contextOf(readSampleReportText());
});

const points = (text: string) => text.match(/[一二三四五六七八九十]是/gu) ?? [];

describe('存在问题', () => {
  it('names each real shortfall of the sample with its figures and the report’s cause', async () => {
    const draft = await composeDraft(sample, '存在问题');
    expect(draft.mode).toBe('offline');
    expect(draft.notes).toEqual([]);
    const [, first, second, third, fourth] = draft.text.split(/[一二三四]是/u);
    expect(first).toMatch(/^部门预算资金支出率偏低。预算资金支出率为 58\.48%，部门预算资金支出率分值 6 分，自评 4 分，扣 2 分。主要是本年度提交给财政的项目经费申请未通过/u);
    expect(second).toMatch(/^政府采购超出预算。政府采购预算 60\.68 万元，决算支出 65\.02 万元，政府采购执行率 107\.15%，超出预算 4\.34 万元/u);
    expect(second).toContain('主要是采购LED大屏支出超出预算');
    expect(third).toMatch(/^结转结余情况反映不清。.*41\.52%.*0%/u);
    expect(fourth).toMatch(/225 个、253 个、215 个/u);
    expect(draft.text).not.toMatch(/第 \d+ 行/u); // a draft for the report itself carries no line references
  });

  it('traces every number of the draft: figures to their lines, computed ones to their formula', async () => {
    const draft = await composeDraft(sample, '存在问题');
    const source = (value: string) => draft.numbers.find((n) => n.value === value)?.source;
    expect(source('58.48%')).toBe('line 113');
    expect(source('60.68 万元')).toBe('line 125');
    expect(source('65.02 万元')).toBe('line 125');
    expect(source('107.15%')).toBe('computed: 65.02 ÷ 60.68 × 100% = 107.15%');
    expect(source('2 分')).toBe('computed: 6 分 − 4 分 = 2 分');
    expect(source('4.34 万元')).toBe('computed: 65.02 万元 − 60.68 万元 = 4.34 万元');
    expect(draft.numbers.length).toBeGreaterThanOrEqual(15);
  });

  it('leaves out indicators that score full marks, and calls an under-run 偏低 rather than 超出预算', () => {
    let text = mutateSampleLine(readSampleReportText(), 113, '自评得分 4 分', '自评得分 6 分');
    text = mutateSampleLine(text, 125, '决算支出 65.02 万元', '决算支出 50.00 万元');
    const draft = draftSection('存在问题', contextOf(text));
    expect(draft.text).not.toContain('部门预算资金支出率偏低');
    expect(draft.text).toContain('一是政府采购执行率偏低。政府采购预算 60.68 万元，决算支出 50.00 万元，政府采购执行率 82.40%');
    expect(draft.text).not.toMatch(/超出预算 [\d.]+ 万元/u);
  });

  it('writes a shorter version on request', () => {
    const full = draftSection('存在问题', sample);
    const short = draftSection('存在问题', sample, { shorter: true });
    expect(points(short.text)).toHaveLength(points(full.text).length);
    expect(short.text.length).toBeLessThan(full.text.length / 2);
    expect(short.text).toContain('政府采购超出预算（政府采购执行率 107.15%）');
  });
});

describe('存在问题 on the team-written example report', () => {
  it('calls a too-high carry-over rate 偏高 and leaves out a carry-over the report explains', () => {
    const example = contextOf(readFileSync(join(REPO_ROOT, 'knowledge', 'examples', '示例县数据服务中心-2024-自评报告.txt'), 'utf8'));
    const draft = draftSection('存在问题', example);
    expect(draft.text).toContain('二是结转结余率偏高。结转结余率为 3.89%');
    expect(draft.text).toContain('三是政府采购执行率偏低。');
    expect(draft.text).not.toContain('结转结余情况反映不清'); // the report says 68.72 万元 was returned to the treasury
  });
});

describe('相关建议', () => {
  it('gives one concrete measure per problem, in the same order', async () => {
    const problems = draftSection('存在问题', sample);
    const draft = await composeDraft(sample, '相关建议');
    expect(draft.notes).toEqual([]);
    expect(points(draft.text)).toHaveLength(points(problems.text).length);
    const [, first, second] = draft.text.split(/[一二三四]是/u);
    expect(first).toMatch(/^加快预算执行进度/u);
    expect(second).toMatch(/^严格按政府采购预算执行（本年度超出预算 4\.34 万元）/u);
  });
});

describe('the other sections', () => {
  it('自评结论 states the total and each block against its weight', async () => {
    const draft = await composeDraft(sample, '自评结论');
    expect(draft.notes).toEqual([]);
    expect(draft.text).toContain('2024 年我局部门整体支出绩效自评得分 99 分');
    expect(draft.text).toContain('预算编制 28 分（分值 28 分）、预算执行 38 分（分值 42 分）、资金使用效益 30 分（分值 30 分），加减分项 3 分');
    expect(draft.text).toContain('部门预算资金支出率（扣 2 分）、政府采购执行率（扣 2 分）');
    expect(draft.numbers.find((n) => n.value === '38 分')?.source).toMatch(/^computed: .* = 38 分$/u);
  });

  it('部门整体收支情况 restates income and spending with year-on-year change and recomputed shares', async () => {
    const draft = await composeDraft(sample, '部门整体收支情况');
    expect(draft.notes).toEqual([]);
    expect(draft.text).toContain('总收入决算数 285.53 万元，全部为一般公共预算财政拨款收入');
    expect(draft.text).toContain('上年总收入决算数 374.30 万元，与上年相比减少 23.72%');
    expect(draft.text).toContain('基本支出 231.11 万元，占 80.94%；项目支出 54.42 万元，占 19.06%');
  });

  it('主要绩效 leads with the completion rates and keeps the report’s figures', async () => {
    const draft = await composeDraft(sample, '主要绩效');
    expect(draft.notes).toEqual([]);
    expect(draft.text).toContain('一是绩效目标全面完成，绩效目标覆盖率 100%，重点工作完成率 100%，绩效目标完成率 100%。');
    expect(draft.text).toContain('已挂接数据目录数合计923个');
  });

  it.each(SECTION_KINDS)('%s: every number of the full and the short draft traces to the report', async (section) => {
    for (const shorter of [false, true]) {
      const draft = await composeDraft(sample, section, { shorter });
      expect(draft.notes).toEqual([]);
      expect(draft.text).not.toContain('待核实');
      expect(draft.text.length).toBeGreaterThan(30);
    }
  });
});
