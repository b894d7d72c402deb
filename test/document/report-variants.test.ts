import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';
import { readSampleReportText } from '../helpers/sample-report.js';
import { hasCjkFont, toDocx, toPdf, toScoreTableXlsx, type ScoreRow } from '../helpers/report-variants.js';

/** The sample report in the shapes test/report/report-variants.test.ts builds, read by the document readers. */

const sample = readSampleReportText();
const nonBlank = sample.split('\n').map((text, i) => ({ text: text.trim(), line: i + 1 })).filter((l) => l.text !== '');
const squeeze = (text: string) => text.replace(/\s+/g, '');

async function documentOf(name: string, bytes: Uint8Array): Promise<Document> {
  const result = await readDocument(name, bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

describe('the sample report through the document readers', () => {
  it('as .docx: one paragraph per non-blank line with the same text, numbered as the Word paragraphs', async () => {
    const document = await documentOf('lechang.docx', await toDocx(sample));
    expect(document.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
    // toDocx writes one w:p per line of the text, blank lines included: paragraph N is line N
    expect(document.blocks.map((b) => (b.kind === 'paragraph' ? { text: b.text, line: b.location.paragraph } : null))).toEqual(nonBlank);
    expect(document.lines).toEqual(nonBlank.map((l) => l.text));
  });

  it.skipIf(!hasCjkFont)('as a PDF: the same text in the same order, wrapped at the page width, no tables invented', async () => {
    const document = await documentOf('lechang.pdf', await toPdf(sample));
    expect(document.blocks.filter((b) => b.kind === 'table')).toEqual([]);
    expect(squeeze(document.lines.join(''))).toBe(squeeze(nonBlank.map((l) => l.text).join('')));
    expect(document.lines.length).toBeGreaterThan(nonBlank.length); // long paragraphs wrapped onto several lines
    const pages = new Set(document.lineLocations.map((l) => l.page));
    expect(pages.size).toBeGreaterThan(3);
    for (const location of document.lineLocations) expect(location).toEqual({ page: expect.any(Number), line: expect.any(Number) });
  });

  it('as a 自评评分表 .xlsx: every row and merged level cell read', async () => {
    const rows: ScoreRow[] = [
      { levels: ['预算编制', '目标设置', '绩效目标合理性'], weight: 3, score: 3 },
      { levels: ['预算编制', '目标设置', '绩效指标明确性'], weight: 3, score: 2.5, reason: '部分指标未量化' },
      { levels: ['预算编制', '预算编制', '预算编制准确性'], weight: 4, score: 4 },
      { levels: ['预算执行', '支出控制', '公用经费控制率'], weight: 4, score: 4 },
    ];
    const document = await documentOf('评分表.xlsx', await toScoreTableXlsx(rows, 13.5));
    const [table] = document.blocks as TableBlock[];
    expect(table!.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['一级指标', '二级指标', '三级指标', '分值', '自评得分', '扣分原因'],
      ...rows.map((r) => [...r.levels, String(r.weight), String(r.score), r.reason ?? '']),
      ['合计', '', '', '100', '13.5', ''],
    ]);
    expect(table!.rows.map((r) => r[0]!.merged === true)).toEqual([false, false, true, true, false, false]);
    expect(table!.rows.map((r) => r[1]!.merged === true)).toEqual([false, false, true, false, false, false]);
    expect(table!.rows[2]![0]!.location).toEqual({ sheet: '2024年度部门整体支出绩效自评表', cell: 'A3', row: 3, column: 1 });
  });
});
