import { describe, expect, it } from 'vitest';
import { parseReportText, readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import { findScorePhrase, insideStandard } from '../../src/report/narrative-scores.js';
import type { ParseResult, Report } from '../../src/model/index.js';
import { DECIMAL_HEADINGS_NARRATIVE, PHRASINGS_NARRATIVE, toDocx } from '../helpers/report-fixtures.js';
import { hasCjkFont, toPdf } from '../helpers/report-variants.js';

function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}
const leavesOf = (report: Report) => indicatorLeaves(report.indicators).map((l) => [l.path.join('/'), l.weight, l.score]);
const paragraph = (text: string) => ({ text, line: 1, endLine: 1, sectionPath: [], segments: [{ line: 1, offset: 0 }] });

const EXPECTED = [
  ['投入/预算编制科学性', 5, 5], ['投入/绩效目标合理性', 5, 4], ['投入/资金到位率', 10, 10],
  ['过程/预算执行率', 10, 9], ['过程/资金使用合规性', 10, 10], ['过程/管理制度健全性', 10, 10],
  ['产出/培训人次完成率', 15, 15], ['产出/验收合格率', 15, 14], ['效果/服务对象满意度', 20, 18],
];

describe('narrative scores in every common phrasing', () => {
  it.each([
    ['自评得分 5 分，…', 5], ['得分4.56分', 4.56], ['评分 9 分', 9], ['…≤100%，得5分。', 5], ['该项指标分值5分，得4分', 4],
    ['扣0.5分', 4.5], ['扣0.5分，另扣1分', 3.5], ['该项得满分', 5],
  ])('%s → %s', (text, score) => {
    expect(findScorePhrase([paragraph(text)], 5)?.score).toBe(score);
  });

  it.each([
    '评分标准：≥90%得5分；80%（含）-90%得4分；<60%得0分。',
    '≥90%得5分；80%（含）-90%得4分；70%（含）-80%得3分',
    '按照“每超1个百分点扣0.5分，扣完为止”计分',
    '每出现一例不符合扣1分，扣完为止',
    '上年该项自评得分4分',
  ])('does not take a score from a standard: %s', (text) => {
    expect(findScorePhrase([paragraph(text)], 5)).toBeNull();
  });

  it('reads weight and score from a title bracket: （分值5分，得分4分）', () => {
    const text = PHRASINGS_NARRATIVE.replace('1. 预算编制科学性（5分）\n预算编制依据充分，程序规范，得5分。', '1. 预算编制科学性（分值5分，得分4分）\n预算编制依据充分，但个别项目测算依据不足。');
    expect(text).not.toBe(PHRASINGS_NARRATIVE);
    const first = indicatorLeaves(reportOf(parseReportText(text)).indicators)[0]!;
    expect(first).toMatchObject({ name: '预算编制科学性', weight: 5, score: 4, scoreLine: 8 });
  });

  it.each([
    ['预算编制科学性：得分4分（满分5分）', '预算编制科学性：得分4分（满分5分）。个别项目测算依据不足。'],
    ['预算编制科学性：自评得分4分（满分5分）', '预算编制科学性：自评得分4分（满分5分）。个别项目测算依据不足。'],
  ])('reads the weight from （满分N分） and the score after the name’s colon: %s', (_name, line) => {
    const text = PHRASINGS_NARRATIVE.replace('1. 预算编制科学性（5分）\n预算编制依据充分，程序规范，得5分。', `1. ${line}`);
    expect(text).not.toBe(PHRASINGS_NARRATIVE);
    const first = indicatorLeaves(reportOf(parseReportText(text)).indicators)[0]!;
    expect(first).toMatchObject({ name: '预算编制科学性', weight: 5, score: 4 });
  });

  it('prefers the indicator’s own phrase over one inside its quoted standard', () => {
    const body = paragraph('评分标准为“≤100%得5分”。本单位执行率102%，得4分。');
    expect(insideStandard(body.text, body.text.indexOf('得5分'))).toBe(true);
    expect(findScorePhrase([body], 5)?.score).toBe(4);
  });

  it('reads the 投入/过程/产出/效果 narrative: weights from （5分）, 指标分值, 权重 10%; the stated total', () => {
    const report = reportOf(parseReportText(PHRASINGS_NARRATIVE));
    expect(report.indicators.map((b) => [b.name, b.weight])).toEqual([['投入', 20], ['过程', 30], ['产出', 30], ['效果', 20]]);
    expect(leavesOf(report)).toEqual(EXPECTED);
    expect(report.statedTotals.map((t) => [t.value, t.line])).toEqual([[95, 5]]);
    const execution = indicatorLeaves(report.indicators)[3]!;
    expect(execution.scoreLine).toBe(16);
    expect(execution.reason).toBe('本单位预算执行率为90%，未达到序时进度'); // the cause comes before "得分9分"
  });

  it('reads 第一部分 / 1.1 / 1.1.1 headings and the 决策/过程/产出/效益 system', () => {
    const report = reportOf(parseReportText(DECIMAL_HEADINGS_NARRATIVE));
    expect(leavesOf(report)).toEqual([
      ['决策/绩效目标合理性', 10, 10], ['决策/绩效指标明确性', 10, 9], ['过程/资金到位率', 15, 15],
      ['过程/预算执行率', 15, 14.5], ['效益/社会效益', 50, 45],
    ]);
    expect(report.statedTotals.map((t) => t.value)).toEqual([93.5]);
    expect(report.sections.map((s) => s.marker)).toEqual(['第一部分', '第二部分']);
  });

  it('reads a .docx whose headings are Word heading styles without numbering', async () => {
    const items = PHRASINGS_NARRATIVE.split('\n').map((line) => {
      const m = /^(?:[一二三四]、|（[一二三四]）|\d\. )(.*)$/u.exec(line);
      if (!m) return line;
      const level = line.startsWith('（') ? 2 : /^\d/u.test(line) ? 3 : 1;
      return { heading: m[1]!, level };
    });
    const report = reportOf(await readReportBytes('自评报告.docx', await toDocx(items)));
    expect(report.title).toBe('某县某某服务中心2024年度部门整体支出绩效自评报告');
    expect(leavesOf(report)).toEqual(EXPECTED);
    expect(report.statedTotals.map((t) => t.value)).toEqual([95]);
  });

  it.skipIf(!hasCjkFont)('reads the same narrative from a PDF', async () => {
    const report = reportOf(await readReportBytes('自评报告.pdf', await toPdf(PHRASINGS_NARRATIVE)));
    expect(leavesOf(report)).toEqual(EXPECTED);
  });
});

describe('a Markdown report', () => {
  it('reads # headings, with or without numbering, and keeps the lines of the file', async () => {
    const md = PHRASINGS_NARRATIVE.split('\n').map((line, i) => {
      if (i === 0) return `# ${line}`;
      if (/^[一二三四]、/u.test(line)) return `## ${line}`;
      if (/^（[一二三四]）/u.test(line)) return `### ${line.replace(/^（[一二三四]）/u, '')}`;
      if (/^\d\. /u.test(line)) return `#### **${line.replace(/^\d\. /u, '')}**`;
      return line;
    }).join('\n\n');
    const report = reportOf(await readReportBytes('自评报告.md', new TextEncoder().encode(md)));
    expect(leavesOf(report)).toEqual(EXPECTED);
    const first = indicatorLeaves(report.indicators)[0]!;
    expect(report.lines[first.line - 1]).toBe('#### **预算编制科学性（5分）**');
  });
});
