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

/** A table's cells as text and merged flag, for comparing the Word original with its PDF print. */
const cellsOf = (table: TableBlock) => table.rows.map((r) => r.map((c) => `${c.merged ? '^' : ''}${c.text}`));

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
  it('gives the same paragraphs and the same table, merged cells and all (the grid is read from the drawn rulings)', async () => {
    const docx = await buildDocx({ blocks });
    const fromWord = await documentOf('报告.docx', docx);
    const fromPdf = await documentOf('报告.pdf', printToPdf(docx));
    const wordTable = fromWord.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const pdfTables = fromPdf.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(pdfTables).toHaveLength(1);
    expect(cellsOf(pdfTables[0]!)).toEqual(cellsOf(wordTable));
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

  it('the national 自评表 printed to PDF: one table as in Word, its column and row spans resolved the same way', async () => {
    const c = (text: string, columnSpan?: number, rowSpan?: number) => ({ text, ...(columnSpan ? { columnSpan } : {}), ...(rowSpan ? { rowSpan } : {}) });
    const form = await buildDocx({ blocks: [
      { paragraph: '部门整体支出绩效自评表（2024年度）' },
      { table: [
        [c('部门名称'), c('某某市数据管理局', 8)],
        [c('年度预算执行情况（万元）', 1, 4), c(''), c('年初预算数'), c('全年预算数'), c('全年执行数'), c('分值'), c('执行率'), c('得分', 2)],
        [c('年度资金总额'), c('300'), c('320'), c('308.32'), c('10'), c('96.35%'), c('9.64', 2)],
        [c('其中：财政拨款'), c('280'), c('300'), c('290.00'), c('—'), c('96.67%'), c('—', 2)],
        [c('上年结转资金'), c('20'), c('20'), c('18.32'), c('—'), c('91.60%'), c('—', 2)],
        [c('年度总体目标', 1, 2), c('预期目标', 4), c('实际完成情况', 4)],
        [c('完成政务服务平台升级改造，提升一网通办服务能力，年内完成全部二十项建设任务。', 4), c('已完成平台升级改造，二十项建设任务全部完成，服务能力明显提升。', 4)],
        [c('绩效指标', 1, 4), c('一级指标'), c('二级指标'), c('三级指标'), c('年度指标值'), c('实际完成值'), c('分值'), c('得分'), c('偏差原因分析及改进措施')],
        [c('产出指标', 1, 2), c('数量指标'), c('建设任务完成数'), c('20项'), c('20项'), c('20'), c('20'), c('')],
        [c('质量指标'), c('验收合格率'), c('100%'), c('95%'), c('20'), c('19'), c('1项返工')],
        [c('效益指标'), c('社会效益'), c('群众满意度'), c('≥90%'), c('93%'), c('20'), c('20'), c('')],
        [c('总分', 6), c('70'), c('68.64'), c('')],
      ] },
    ] });
    const fromWord = (await documentOf('自评表.docx', form)).blocks.filter((b): b is TableBlock => b.kind === 'table');
    const tables = (await documentOf('自评表.pdf', printToPdf(form))).blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(cellsOf(tables[0]!)).toEqual(cellsOf(fromWord[0]!));
    const budget = tables[0]!.rows.find((r) => r.some((cell) => cell.text === '年度资金总额'))!;
    expect(budget.slice(-7).map((cell) => cell.text)).toEqual(['300', '320', '308.32', '10', '96.35%', '9.64', '9.64']);
    expect(budget[budget.length - 1]!.merged).toBe(true);
  });
  it('a scores table running over page breaks comes back as one table (a label column left empty on a page is kept)', async () => {
    const standard = '符合规定程序得满分，每出现一例不符合规定的情况扣1分，扣完为止；资料不全的酌情扣分，未按时报送的扣0.5分';
    const rows = Array.from({ length: 16 }, (_, i) => ['', '资金管理', `指标${i + 1}`, '5', standard, '4', `第${i + 1}项有一例不符合规定，已整改`]);
    const docx = await buildDocx({ blocks: [
      { heading: '三、绩效评价指标得分情况', level: 1 },
      ...Array.from({ length: 8 }, () => ({ paragraph: '本段为说明文字，用来占去页面上方的篇幅，使下面的评分表跨页排版，检验跨页表格的读取。' })),
      { table: [['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'], ...rows, ['合计', '', '', '80', '', '64', '']] },
      { heading: '四、存在问题', level: 1 },
    ] });
    const fromWord = await documentOf('报告.docx', docx);
    const fromPdf = await documentOf('报告.pdf', printToPdf(docx));
    const wordTable = fromWord.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const pdfTables = fromPdf.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(pdfTables).toHaveLength(1);
    expect(pdfTables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual(wordTable.rows.map((r) => r.map((c) => (c.merged ? '' : c.text))));
    const pages = pdfTables[0]!.rows.map((r) => r[0]!.location);
    expect(pages.every((l) => l.table === 1)).toBe(true);
    expect(new Set(pages.map((l) => l.page)).size).toBeGreaterThan(1);
  });
});
