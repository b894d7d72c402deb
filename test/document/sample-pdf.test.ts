import { readFileSync } from 'node:fs';
import { AlignmentType, Document as WordDocument, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { IndicatorNode } from '../../src/model/index.js';
import { parseReportText, readReportBytes } from '../../src/report/parse-report.js';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.js';
import { convertWith, hasSoffice } from './wrapped-report.js';

/**
 * The sample report as PDF the two ways LibreOffice makes one: straight from the .txt (spaces written as text items of
 * their own, which left gaps that read as columns), and from a Word file whose paragraphs are justified (wide word
 * spaces). Both read 27 of 27 indicators with the same weights and scores as the text, and no table is invented.
 */

function leaves(nodes: readonly IndicatorNode[]): string[] {
  return nodes.flatMap((n) => (n.children.length > 0 ? leaves(n.children) : [`${n.name} ${n.weight} ${n.score}`]));
}

const text = readFileSync(SAMPLE_REPORT_PATH, 'utf8');

async function justifiedDocx(): Promise<Uint8Array> {
  const paragraphs = text.split('\n').map((line) => new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun(line)] }));
  return new Uint8Array(await Packer.toBuffer(new WordDocument({ sections: [{ children: paragraphs }] })));
}

describe.skipIf(!hasSoffice)('the sample report as a LibreOffice PDF', () => {
  const parsed = parseReportText(text);
  const expected = parsed.ok ? leaves(parsed.report.indicators) : [];

  it('the text has its 27 indicators (the reference)', () => {
    expect(expected).toHaveLength(27);
  });

  for (const [label, make] of [
    ['printed from the .txt', async () => convertWith(new TextEncoder().encode(text), 'txt', 'pdf')],
    ['printed from a Word file with justified paragraphs', async () => convertWith(await justifiedDocx(), 'docx', 'pdf')],
  ] as const) {
    it(`${label}: 27/27 indicators, no table`, async () => {
      const pdf = await make();
      const read = await readDocument('样例.pdf', pdf);
      if (!read.ok) throw new Error(read.problem.message);
      expect(read.document.blocks.filter((b) => b.kind === 'table')).toEqual([]);
      const report = await readReportBytes('样例.pdf', pdf);
      if (!report.ok) throw new Error(report.problems[0]?.message);
      expect(leaves(report.report.indicators)).toEqual(expected);
    }, 180_000);
  }
});
