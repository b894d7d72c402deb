import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType } from 'docx';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/model/index.js';
import { annotateDocx } from '../../../src/checks/annotate/annotate-docx.js';
import { scanDocumentXml, cellAt } from '../../../src/checks/annotate/docx-layout.js';
import { normalizeLine } from '../../../src/report/normalize-line.js';

const cell = (text: string, extra: Partial<ConstructorParameters<typeof TableCell>[0]> = {}) => new TableCell({ children: [new Paragraph(text)], ...extra });

/** An invented report: two paragraphs, a 评分表 with 一级指标 merged down two rows, a closing paragraph. */
async function sampleDocx(): Promise<Buffer> {
  const table = new Table({
    rows: [
      new TableRow({ children: [cell('一级指标'), cell('三级指标'), cell('分值'), cell('自评得分')] }),
      new TableRow({ children: [cell('产出', { verticalMerge: VerticalMergeType.RESTART }), cell('完成率'), cell('10'), cell('12')] }),
      new TableRow({ children: [cell('', { verticalMerge: VerticalMergeType.CONTINUE }), cell('及时性'), cell('5'), cell('5')] }),
    ],
  });
  const document = new Document({
    sections: [{
      children: [
        new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '某单位 2025 年度部门整体支出绩效自评报告', bold: true })] }),
        new Paragraph('本年度总支出决算数 120.50 万元，其中基本支出 80.20 万元，项目支出 40.00 万元。'),
        table,
        new Paragraph('自评结果为 97 分。'),
      ],
    }],
  });
  return Packer.toBuffer(document);
}

const finding = (over: Partial<Finding>): Finding => ({ ruleId: 'formula/sum-of-parts', severity: 'error', message: '各项之和为 120.20 万元，不等于 120.50 万元。', line: 2, sectionPath: [], ...over });

/** document.xml without the comment marks we add. */
const strip = (xml: string) =>
  xml.replace(/<w:commentRangeStart w:id="\d+"\/>|<w:commentRangeEnd w:id="\d+"\/>|<w:r><w:commentReference w:id="\d+"\/><\/w:r>/gu, '');

async function parts(bytes: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) out.set(name, await zip.file(name)!.async('string'));
  return out;
}

describe('annotateDocx', () => {
  it('puts each comment on the paragraph or table cell named, and changes nothing else', async () => {
    const original = await sampleDocx();
    const lines = ['某单位 2025 年度部门整体支出绩效自评报告', '本年度总支出决算数 120.50 万元，其中基本支出 80.20 万元，项目支出 40.00 万元。'];
    const findings = [
      finding({ location: { paragraph: 2 }, expected: '120.20 万元', actual: '120.50 万元', formula: '80.20 + 40.00 = 120.20' }),
      finding({ ruleId: 'score/within-weight', message: '“完成率”自评得分 12 分，超过分值 10 分。', line: 4, location: { table: 1, row: 2, column: 4 } }),
      finding({ ruleId: 'score/parent-score', severity: 'warning', message: '“产出”得分需复核。', line: 5, location: { table: 1, row: 3, column: 1 } }), // covered by the merge
      finding({ ruleId: 'score/total-matches', severity: 'warning', message: '总分需复核。', line: 8 }), // no location: found by text
    ];
    const outcome = await annotateDocx(original, findings, { lines: [...lines, '', '', '', '', '', '自评结果为 97 分。'] }, new Date('2026-01-02T03:04:05Z'));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.comments).toBe(4);
    expect(outcome.unplaced).toEqual([]);
    const before = await parts(original);
    const after = await parts(outcome.bytes);
    const xml = after.get('word/document.xml')!;
    expect(strip(xml)).toBe(before.get('word/document.xml'));
    for (const [name, text] of before) if (!['word/document.xml', 'word/comments.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml'].includes(name)) expect(after.get(name), name).toBe(text);
    const comments = after.get('word/comments.xml')!;
    expect(comments.match(/<w:comment /gu)).toHaveLength(4);
    expect(comments).toContain('w:author="selfeval"');
    expect(comments).toContain('应为 120.20 万元；报告 120.50 万元');
    expect(comments).toContain('算式：80.20 + 40.00 = 120.20');
    // where the marks are: each comment range wraps text of the intended paragraph
    const layout = scanDocumentXml(xml);
    const rangeOf = (id: number) => layout.paragraphs.find((p) => xml.slice(p.start, p.close).includes(`<w:commentRangeStart w:id="${id}"/>`))?.text;
    expect(rangeOf(0)).toBe(lines[1]);
    expect(rangeOf(1)).toBe('12');
    expect(rangeOf(2)).toBe('产出'); // the merge's master cell
    expect(rangeOf(3)).toBe('自评结果为 97 分。');
    expect(after.get('[Content_Types].xml')).toContain('/word/comments.xml');
  });

  it('covers only the sentence a finding points at when the paragraph has several runs', async () => {
    const sentences = ['政府采购预算 60.00 万元，', '实际采购 66.00 万元。', '执行率为 100%。', '采购按计划实施。'];
    const document = new Document({ sections: [{ children: [new Paragraph({ children: sentences.map((t, i) => new TextRun({ text: t, bold: i === 2 })) })] }] });
    const bytes = await Packer.toBuffer(document);
    const line = sentences.join('');
    const column = normalizeLine(line).indexOf('100%') + 1; // findings' columns are in the normalised line, as figures give them
    const outcome = await annotateDocx(bytes, [finding({ ruleId: 'formula/rate', message: '执行率应为 110.00%。', line: 1, column, location: { paragraph: 1 } })], { lines: [line] });
    if (!outcome.ok) throw new Error(outcome.reason);
    const xml = (await parts(outcome.bytes)).get('word/document.xml')!;
    const covered = /<w:commentRangeStart w:id="0"\/>([\s\S]*?)<w:commentRangeEnd w:id="0"\/>/u.exec(xml)![1]!;
    expect([...covered.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => m[1])).toEqual(['执行率为 100%。']);
    expect(strip(xml)).toBe((await parts(bytes)).get('word/document.xml'));
  });

  it('resolves grid positions through gridSpan and vMerge', async () => {
    const layout = scanDocumentXml((await parts(await sampleDocx())).get('word/document.xml')!);
    const table = layout.tables[0]!;
    expect(cellAt(table, 3, 1)?.row).toBe(2);
    expect(cellAt(table, 3, 2)?.paragraphs[0]?.text).toBe('及时性');
    expect(layout.paragraphs.filter((p) => p.bodyIndex !== null).map((p) => p.bodyIndex)).toEqual([1, 2, 3]);
  });

  it('explains instead of annotating a protected or corrupt document', async () => {
    const zip = await JSZip.loadAsync(await sampleDocx());
    const settings = await zip.file('word/settings.xml')!.async('string');
    zip.file('word/settings.xml', settings.replace('</w:settings>', '<w:documentProtection w:edit="readOnly" w:enforcement="1"/></w:settings>'));
    const locked = await annotateDocx(await zip.generateAsync({ type: 'nodebuffer' }), [finding({})], { lines: [] });
    expect(locked).toEqual({ ok: false, reason: expect.stringContaining('编辑限制（只读）') });
    const corrupt = await annotateDocx(Buffer.from('PK not really'), [finding({})], { lines: [] });
    expect(corrupt.ok ? '' : corrupt.reason).toMatch(/不是有效的 Word/u);
  });

  it('keeps comments the document already has and numbers ours after them', async () => {
    const first = await annotateDocx(await sampleDocx(), [finding({ location: { paragraph: 2 } })], { lines: [] });
    if (!first.ok) throw new Error(first.reason);
    const second = await annotateDocx(first.bytes, [finding({ location: { paragraph: 4 } })], { lines: [] });
    if (!second.ok) throw new Error(second.reason);
    const after = await parts(second.bytes);
    expect(after.get('word/comments.xml')!.match(/<w:comment w:id="(\d+)"/gu)).toEqual(['<w:comment w:id="0"', '<w:comment w:id="1"']);
  });
});
