import { describe, expect, it } from 'vitest';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import type { ParseResult } from '../../src/model/index.js';
import { readSampleReportText } from '../helpers/sample-report.js';
import {
  hasCjkFont, toDocx, toGb18030, toPdf, withFullWidthBrackets, withPageBreaksRejoined, withUtf8Bom,
} from '../helpers/report-variants.js';

/** What must stay the same whatever shape the report comes in. */
function essence(result: ParseResult) {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  const { report } = result;
  return {
    department: report.department,
    year: report.year,
    totals: report.statedTotals.map((t) => t.value),
    bonus: report.bonus?.score,
    blocks: report.indicators.map((b) => [b.name, b.weight]),
    leaves: indicatorLeaves(report.indicators).map((l) => [l.path.join('/'), l.weight, l.score, l.assessed]),
  };
}

const text = readSampleReportText();
const utf8 = new TextEncoder().encode(text);

describe('the same report in every shape gives the same indicators and totals', async () => {
  const expected = essence(await readReportBytes('lechang.txt', utf8));

  it('the reference has 27 leaves and the stated total 99', () => {
    expect(expected.leaves).toHaveLength(27);
    expect(expected.totals).toEqual([99]);
  });

  it('GB18030-encoded text (detected, not declared)', async () => {
    const result = await readReportBytes('lechang.txt', toGb18030(text));
    expect(essence(result)).toEqual(expected);
    expect(result.ok && result.report.source.encoding).toBe('gb18030');
  });

  it('UTF-8 with BOM and CRLF line ends', async () => {
    const result = await readReportBytes('lechang.md', withUtf8Bom(text));
    expect(essence(result)).toEqual(expected);
    expect(result.ok && result.report.source.encoding).toBe('utf-8-bom');
  });

  it('all brackets full-width', async () => {
    const fullWidth = withFullWidthBrackets(text);
    expect(fullWidth).not.toContain('(');
    expect(essence(await readReportBytes('lechang.txt', new TextEncoder().encode(fullWidth)))).toEqual(expected);
  });

  it('page breaks rejoined', async () => {
    const rejoined = withPageBreaksRejoined(text);
    expect(rejoined.split('\n').length).toBeLessThan(text.split('\n').length);
    expect(rejoined).toContain('电子政务外网带宽扩容');
    expect(essence(await readReportBytes('lechang.txt', new TextEncoder().encode(rejoined)))).toEqual(expected);
  });

  it('saved as .docx (read with mammoth)', async () => {
    expect(essence(await readReportBytes('lechang.docx', await toDocx(text)))).toEqual(expected);
  });

  it.skipIf(!hasCjkFont)('saved as a PDF with a text layer (read with unpdf), lines wrapped at the page width', async () => {
    const result = await readReportBytes('lechang.pdf', await toPdf(text));
    expect(essence(result)).toEqual(expected);
    // the PDF's lines are the wrapped page lines, not the original paragraphs: rejoining was exercised
    expect(result.ok && result.report.lines.filter((l) => l.trim() !== '').length).toBeGreaterThan(200);
  });
});

describe('a heading and its text on one line', () => {
  it('still separates the indicator title from its score', async () => {
    const oneLine = text.replace('(3) 国库集中支付结转结余存量资金效率性 (3 分)\n\n自评得分', '(3) 国库集中支付结转结余存量资金效率性 (3 分)自评得分');
    expect(oneLine).not.toBe(text);
    expect(essence(await readReportBytes('lechang.txt', new TextEncoder().encode(oneLine)))).toEqual(
      essence(await readReportBytes('lechang.txt', utf8)),
    );
  });
});
