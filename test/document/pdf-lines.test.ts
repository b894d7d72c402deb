import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import { lineText, pageLines, type TextPiece } from '../../src/document/pdf-lines.js';
import { convertWith, hasSoffice } from './wrapped-report.js';

/**
 * Text items that overlap on a line are put back in reading order. LibreOffice printing plain text sets “ ” in a
 * Latin font: the Chinese run is one item with a blank where each quote goes, the quotes items of their own at those
 * places, so ordering items by their start put every quote after the run (`评价等级为 优 。“”`).
 */

const at = (text: string, x: number, width: number, y = 700, size = 10): TextPiece => ({ text, x, y, width, size });

/**
 * A line laid out as LibreOffice prints plain text and pdf.js reads it back: Chinese one em wide, in one run from `x`
 * with a blank where each stretch of `second` characters (quotes, digits) goes; each such stretch a piece of its own
 * (0.6 em a character) at its place. The pieces are given in the order pdf.js gives them: second-font pieces first.
 */
function libreOfficeLine(line: string, second: RegExp, x = 56.8, size = 10): TextPiece[] {
  const pieces: TextPiece[] = [];
  let run = '';
  let runX = x;
  let cursor = x;
  let runEnd = x;
  for (const stretch of line.match(new RegExp(`${second.source}+|[^${second.source.slice(1, -1)}]+`, 'gu')) ?? []) {
    if (second.test(stretch[0]!)) {
      const width = 0.6 * size * [...stretch].length;
      pieces.push(at(stretch, cursor, width, 700, size));
      if (run === '') runX = cursor + width;
      else run += ' ';
      cursor += width;
    } else {
      run += stretch;
      cursor += size * [...stretch].length;
      runEnd = cursor;
    }
  }
  // a stretch after the run's last character leaves no blank in it (pdf.js knows of no gap there)
  return [...pieces, at(run.trimEnd(), runX, runEnd - runX, 700, size)];
}

const QUOTES = /[“”‘’]/;
const DIGITS = /[0-9.]/;

describe('reading order of overlapping text items', () => {
  const cases: [string, TextPiece[], string][] = [
    ['quotes in a second font, the run holding a blank for each', libreOfficeLine('评价等级为“优”。', QUOTES), '评价等级为“优”。'],
    ['a quote closing the line, after the run', libreOfficeLine('评价等级为“优”', QUOTES), '评价等级为“优”'],
    ['a quote before the run and one inside it', libreOfficeLine('“十四五”规划', QUOTES), '“十四五”规划'],
    ['two quoted words and an empty pair in one run', libreOfficeLine('完成“三公”经费与“两项”工作，“”为空', QUOTES), '完成“三公”经费与“两项”工作，“”为空'],
    ['digits of unequal width in a second font', libreOfficeLine('年度得分97.5分，执行率为100分', DIGITS), '年度得分97.5分，执行率为100分'],
    // not the pattern: no blank in the run where the piece sits — order by start as before
    ['a piece over a run without a blank (a stamp) stays after the run start', [at('合计金额', 56, 40), at('章', 66, 10)], '合计金额章'],
    ['a piece as wide as half the run is never taken into it', [at('甲 乙', 56, 30), at('丙丁戊', 62, 16)], '甲 乙丙丁戊'],
  ];
  for (const [label, pieces, expected] of cases) {
    it(label, () => {
      const lines = pageLines(pieces);
      expect(lines).toHaveLength(1);
      expect(lineText(lines[0]!)).toBe(expected);
    });
  }

  it.skipIf(!hasSoffice)('plain text printed to PDF by LibreOffice: quotes where they were written', async () => {
    const text = ['本部门2024年度自评得分为97分，评价等级为“优”。', '“十四五”规划实施情况良好，完成“三公”经费压减。', '按“放管服”要求，落实‘最多跑一次’改革。', '依据《“十四五”数字政府建设规划》执行', '指标名称“”为空'];
    const read = await readDocument('引号.pdf', convertWith(new TextEncoder().encode(`${text.join('\n')}\n`), 'txt', 'pdf'));
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.document.lines.map((l) => l.replace(/\s+/g, ''))).toEqual(text);
    expect(read.document.lines[0]).toContain('评价等级为“优”。');
    expect(read.document.lines[1]).toContain('“十四五”规划');
  }, 120_000);
});
