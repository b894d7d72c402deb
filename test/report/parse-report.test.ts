import { describe, expect, it } from 'vitest';
import { parseReportText, readReportFile } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import { lineAtOffset } from '../../src/report/paragraph-lines.js';
import type { Report } from '../../src/model/index.js';
import { SAMPLE_REPORT_PATH, readSampleReportText } from '../helpers/sample-report.js';

async function sample(): Promise<Report> {
  const result = await readReportFile(SAMPLE_REPORT_PATH);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}

describe('parseReport on the real sample', () => {
  it('reads the cover: title, department, year, stated total and bonus', async () => {
    const report = await sample();
    expect(report.title).toBe('2024年度部门整体支出绩效自评报告');
    expect(report.department).toBe('乐昌市政务服务和数据管理局');
    expect(report.year).toBe(2024);
    expect(report.statedTotals.map((t) => [t.value, t.line])).toEqual([[99, 65]]);
    expect(report.bonus).toMatchObject({ score: 3, line: 203 });
    expect(report.source).toEqual({ name: 'lechang-2024-self-eval.txt', format: 'txt', encoding: 'utf-8' });
  });

  it('builds the indicator tree 28 / 42 / 30 with 26 assessed leaves and one 不考核', async () => {
    const report = await sample();
    expect(report.indicators.map((b) => [b.name, b.weight, b.line])).toEqual([
      ['预算编制', 28, 69],
      ['预算执行', 42, 107],
      ['资金使用效益', 30, 171],
    ]);
    const leaves = indicatorLeaves(report.indicators);
    expect(leaves).toHaveLength(27);
    const assessed = leaves.filter((l) => l.assessed);
    expect(assessed).toHaveLength(26);
    expect(assessed.reduce((s, l) => s + (l.score ?? 0), 0)).toBe(96);
    const skipped = leaves.find((l) => !l.assessed)!;
    expect(skipped).toMatchObject({ name: '资金下达合法性', weight: 3, score: null, line: 131 });
    expect(skipped.notAssessedReason).toContain('本项不考核');
  });

  it('keeps full paths, weights, scores, lines and the reasons for lost points', async () => {
    const report = await sample();
    const leaves = indicatorLeaves(report.indicators);
    const byName = (name: string) => leaves.find((l) => l.name === name)!;
    expect(byName('政府采购执行率')).toMatchObject({
      path: ['预算执行', '资金管理', '政府采购执行率'],
      level: 3, weight: 2, score: 0, line: 123, scoreLine: 125,
    });
    expect(byName('政府采购执行率').reason).toContain('采购LED大屏支出超出预算');
    expect(byName('部门预算资金支出率')).toMatchObject({ weight: 6, score: 4, scoreLine: 113 });
    expect(byName('部门预算资金支出率').reason).toContain('项目经费申请未通过');
    expect(byName('人员管理')).toMatchObject({ path: ['预算执行', '人员管理'], level: 2, weight: 2, score: 2 });
    expect(byName('预决算信息，绩效评价结果公开性').weight).toBe(4);
    expect(byName('绩效指标明确性')).toMatchObject({ weight: 4, score: 4, line: 103 }); // half-width brackets in the input
    expect(byName('预算编制合理性').reason).toBeNull(); // full score: nothing to explain
    const fundManagement = report.indicators[1]!.children[0]!;
    expect(fundManagement).toMatchObject({ name: '资金管理', weight: 22, score: null });
    expect(fundManagement.children.map((c) => c.weight)).toEqual([6, 3, 3, 2, 4, 3, 4]);
  });

  it('rejoins paragraphs cut by page breaks and maps offsets back to original lines', async () => {
    const report = await sample();
    const wrapped = report.paragraphs.find((p) => p.text.includes('电子政务外网带宽扩容'))!;
    expect([wrapped.line, wrapped.endLine]).toEqual([75, 77]);
    expect(lineAtOffset(wrapped, wrapped.text.indexOf('带宽扩容'))).toBe(77);
    expect(lineAtOffset(wrapped, 0)).toBe(75);
    const timely = report.paragraphs.find((p) => p.text.includes('项目完成及时性较高'))!;
    expect(timely.text).toContain('各项项目均按方案及时完成，项目完成及时性较高');
  });

  it('normalises PDF debris: LaTeX ≤, half-width brackets and commas', async () => {
    const report = await sample();
    const staff = report.paragraphs.find((p) => p.line === 165)!;
    expect(staff.text).toBe('自评得分2分，本年度在编人员共12人，核定编制数为19（含工勤）人，比率≤100%。');
    expect(report.paragraphs.find((p) => p.line === 175)!.text).toContain('实际支出数≤预算安排的三公经费数');
  });

  it('extracts figures with unit, subject, object and line', async () => {
    const report = await sample();
    const at = (line: number, value: string) => report.figures.find((f) => f.line === line && f.value === value);
    expect(at(35, '374.30')).toMatchObject({ unit: '万元', subject: '上年总收入决算数' });
    expect(at(35, '23.72')).toMatchObject({ unit: '%' });
    expect(at(125, '60.68')).toMatchObject({ unit: '万元', subject: '2024年我局政府采购预算' });
    expect(at(175, '0.0693')).toMatchObject({ unit: '万元' });
    expect(at(175, '0.85')).toMatchObject({ unit: '' });
    expect(at(165, '19')).toMatchObject({ unit: '人', subject: '核定编制数' });
    expect(at(185, '253')).toMatchObject({ unit: '个', object: '村（居）基层公共服务综合' });
    expect(at(57, '14')).toMatchObject({ unit: '个', line: 57 }); // in the second half of a rejoined paragraph
    expect(new Set(report.figures.map((f) => f.id)).size).toBe(report.figures.length);
  });

  it('builds a section tree from every heading level', async () => {
    const report = await sample();
    expect(report.sections.map((s) => s.title)).toEqual(['部门的基本情况', '自评结论', '绩效分析', '主要绩效', '存在问题', '相关建议']);
    const analysis = report.sections[2]!;
    expect(analysis.children.map((s) => s.marker)).toEqual(['（一）', '（二）', '（三）']);
    expect(analysis.children[1]!.children[0]!.children.map((s) => s.line)).toEqual([111, 115, 119, 123, 127, 131, 135]);
    expect(report.sections[4]).toMatchObject({ line: 225, endLine: 228 });
  });
});

describe('parseReport on text that is not a usable report', () => {
  it('refuses empty text', () => {
    const result = parseReportText('\n \n');
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'empty-file' }] });
  });

  it('refuses Chinese text that is not a report', () => {
    const result = parseReportText('今天天气很好。\n我们去公园散步，看到了很多花。\n');
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'not-a-report' }] });
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/不像是一份绩效自评报告/);
  });

  it('says so when a report has indicators but no scores', () => {
    const noScores = readSampleReportText().replace(/自评得分\s*\d+\s*分/g, '');
    expect(parseReportText(noScores)).toMatchObject({ ok: false, problems: [{ code: 'no-scores' }] });
  });

  it('reports an indicator whose score is missing as a problem, and still parses', () => {
    const text = readSampleReportText().replace('自评得分 0 分，2024 年我局政府采购预算', '2024 年我局政府采购预算');
    const result = parseReportText(text);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.problems).toEqual([{ code: 'missing-score', message: '指标“政府采购执行率”没有写明自评得分。', line: 123 }]);
  });
});
