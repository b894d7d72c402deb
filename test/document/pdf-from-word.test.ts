import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';
import { buildDocx, type DocxBlock } from '../helpers/document-fixtures.js';
import { toDocx } from '../helpers/report-variants.js';
import { readSampleReportText } from '../helpers/sample-report.js';

/** A Word report printed to PDF by LibreOffice (as a bureau would publish it) reads back with the same table. */

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const hasSoffice = soffice.status === 0;
if (!hasSoffice) console.warn('PDF-from-Word tests skipped: LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui)');

function printToPdf(docx: Uint8Array): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-lo-'));
  writeFileSync(join(dir, 'report.docx'), docx);
  const result = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`);
  return new Uint8Array(readFileSync(join(dir, 'report.pdf')));
}

async function documentOf(name: string, bytes: Uint8Array): Promise<Document> {
  const result = await readDocument(name, bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

const blocks: DocxBlock[] = [
  { heading: '一、部门基本情况', level: 1 },
  { paragraph: '2024年度部门预算执行率为96.35%，较上年提高3.2个百分点，部门整体支出绩效自评得分为88.7分。' },
  { paragraph: '表1 部门整体支出绩效自评表' },
  {
    table: [
      ['一级指标', '二级指标', '三级指标', '分值', '自评得分', '评分标准', '扣分原因'],
      [{ text: '投入', rowSpan: 3 }, { text: '预算编制', rowSpan: 2 }, '预算编制科学性', '5', '5', '≤100%得满分；每超1个百分点扣0.5分，扣完为止', ''],
      ['绩效目标合理性（含指标明确性和可衡量性）', '5', '4.5', '≥90%得5分；80%（含）-90%得4分；<60%得0分', '目标不够细化，部分指标无法衡量'],
      ['资金管理', '资金使用合规性', '10', '8.2', '每出现一例不符合扣1分，扣完为止', '执行率82%，未达序时进度要求'],
      [{ text: '产出', rowSpan: 2 }, '产出数量', '完成项目数', '8', '8', '得分=分值×完成率', ''],
      ['产出质量', '验收合格率', '7', '6', '=100%得满分；每低1个百分点扣1分', '1个项目返工'],
      [{ text: '合计', columnSpan: 3 }, '35', '31.7', '', ''],
    ],
  },
  { heading: '二、存在的问题', level: 1 },
  { paragraph: '部分项目支出进度滞后，资金使用效益有待提高。' },
];

describe.skipIf(!hasSoffice)('a .docx report printed to PDF by LibreOffice', () => {
  it('gives the same paragraphs and the same table (merged cells print once, so the covered cells are empty)', async () => {
    const docx = await buildDocx({ blocks });
    const fromWord = await documentOf('报告.docx', docx);
    const fromPdf = await documentOf('报告.pdf', printToPdf(docx));
    const wordTable = fromWord.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const pdfTables = fromPdf.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(pdfTables).toHaveLength(1);
    expect(pdfTables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual(wordTable.rows.map((r) => r.map((c) => (c.merged ? '' : c.text))));
    const paragraphs = (d: Document) => d.blocks.flatMap((b) => (b.kind === 'table' ? [] : [b.text]));
    expect(paragraphs(fromPdf)).toEqual(paragraphs(fromWord));
  });

  it('the sample report printed to PDF: the same text in order and no table invented from its wrapped lines', async () => {
    const sample = readSampleReportText();
    const fromPdf = await documentOf('lechang.pdf', printToPdf(await toDocx(sample)));
    expect(fromPdf.blocks.filter((b) => b.kind === 'table')).toEqual([]);
    const squeeze = (text: string) => text.replace(/\s+/g, '');
    expect(squeeze(fromPdf.lines.join(''))).toBe(squeeze(sample));
  });
});
