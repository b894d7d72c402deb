import { describe, expect, it } from 'vitest';
import { withOcrNotes } from '../../src/checks/ocr-notes.ts';
import { UNCONFIRMED } from '../../src/document/ocr-marks.ts';
import type { Finding, Report } from '../../src/model/index.ts';
import { parseReportText } from '../../src/report/parse-report.ts';

const TEXT = [
  '某县财政局2024年度部门整体支出绩效自评报告',
  '（一）预算执行率（10分）',
  '预算执行率为95%，自评得分9.5分。',
  '（二）政府采购规范性（3分）',
  `政府采购均按规定执行，自评得分25${UNCONFIRMED}分。`,
].join('\n');

function reportOf(ocr: boolean): Report {
  const parsed = parseReportText(TEXT);
  if (!parsed.ok) throw new Error('fixture does not parse');
  return { ...parsed.report, source: { ...parsed.report.source, ...(ocr ? { ocr: true } : {}) } };
}

const finding = (line: number, message: string): Finding => ({ ruleId: 'score/within-weight', severity: 'error', line, sectionPath: [], message });

describe('findings on a scanned report say their numbers came from OCR', () => {
  const cases: { name: string; ocr: boolean; line: number; expected: RegExp }[] = [
    { name: 'a typed report: unchanged', ocr: false, line: 3, expected: /^示例。$/u },
    { name: 'a scan: the finding says its numbers came from OCR', ocr: true, line: 3, expected: /^示例。（此项的文字和数字由 OCR 识别得到，须与扫描原件核对）$/u },
    { name: 'a scan, on a line with an unconfirmed figure: says so', ocr: true, line: 5, expected: /^示例。（此项所在行有 OCR 未能确认的数字/u },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [noted] = withOcrNotes([finding(c.line, '示例。')], reportOf(c.ocr));
      expect(noted!.message).toMatch(c.expected);
    });
  }

  it('a note is added once, even when findings pass through twice', () => {
    const report = reportOf(true);
    const twice = withOcrNotes(withOcrNotes([finding(3, '示例。')], report), report);
    expect(twice[0]!.message.match(/OCR/gu)).toHaveLength(1);
  });
});
