import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BorderStyle, Document as WordDocument, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { TableBlock } from '../../src/model/index.js';
import { checkFindings, runSelfeval, type CheckFinding } from '../helpers/selfeval-cli.js';
import { AFTER, NARRATIVE, threeLineDocx, threeLineRows } from './three-line-report.js';
import { convertWith, hasSoffice, INDICATORS, TOTAL_SCORE } from './wrapped-report.js';

/**
 * A 三线表 (rules above, under the header and below; no vertical lines) printed to PDF by LibreOffice is read as one
 * table: the rules bound it and end its header, text gaps give the columns, wrapped 评分标准 lines join their row, and
 * the table continued over page breaks (header repeated with its rules, or not) is one table. `selfeval check` says
 * of the PDF what it says of the Word original.
 */

if (!hasSoffice) console.warn('三线表 PDF tests skipped: LibreOffice (soffice) is not installed');

interface JsonCell { row: number; column: number; text: string; merged?: boolean }
interface JsonBlock { kind: string; text?: string; rows?: JsonCell[][]; location: Record<string, unknown> }

/** Findings without where they point (a PDF says 第 2 页, a .docx 第 5 段). */
const gist = (list: CheckFinding[]) => list.map((f) => `${f.severity} ${f.ruleId} ${f.message.replace(/第\s*\d+\s*[页行列段]|表\s*\d+/gu, '')}`).sort();

const dir = mkdtempSync(join(tmpdir(), 'selfeval-three-line-'));
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  if (!hasSoffice) return;
  for (const [name, docx] of [
    ['报告', await threeLineDocx()],
    ['不重复标题', await threeLineDocx({ repeatHeader: false })],
    ['合计有误', await threeLineDocx({ total: TOTAL_SCORE - 1 })],
    ['垂直居中', await threeLineDocx({ centred: true })],
    ['居中不重复标题', await threeLineDocx({ centred: true, repeatHeader: false })],
  ] as const) {
    writeFileSync(path(`${name}.docx`), docx);
    writeFileSync(path(`${name}.pdf`), convertWith(docx, 'docx', 'pdf'));
  }
}, 600_000);

describe.skipIf(!hasSoffice)('a 三线表 report printed to PDF by LibreOffice', () => {
  it('selfeval read --format json: one table, every row and cell as in Word (a merged 一级指标 written once), crossing pages', async () => {
    const blocks = (JSON.parse(await runSelfeval(['read', path('报告.pdf'), '--format', 'json'])) as { blocks: JsonBlock[] }).blocks;
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows!;
    expect(rows.map((r) => r.map((c) => c.text))).toEqual(threeLineRows());
    expect(rows.every((r, i) => r.every((c, k) => c.row === i + 1 && c.column === k + 1))).toBe(true);
    // the text around the table stays text, in order (a PDF line a paragraph): no header repeated on later pages, no stray wrap
    const squeeze = (parts: readonly (string | undefined)[]) => parts.join('').replace(/\s+/g, '');
    expect(squeeze(blocks.filter((b) => b.kind !== 'table').map((b) => b.text))).toBe(squeeze([...NARRATIVE, AFTER]));
  }, 120_000);

  it('the rows keep their pages: rows on the second and third page continue table 1', async () => {
    const read = await readDocument('报告.pdf', new Uint8Array(readFileSync(path('报告.pdf'))));
    if (!read.ok) throw new Error(read.problem.message);
    const table = read.document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const pages = table.rows.map((r) => r[0]!.location.page);
    expect(new Set(pages).size).toBeGreaterThanOrEqual(2);
    expect(table.rows.every((r) => r[0]!.location.table === 1)).toBe(true);
    expect(pages).toEqual([...pages].sort((a, b) => (a ?? 0) - (b ?? 0)));
  }, 120_000);

  it('the header not repeated on later pages: still one table with every row', async () => {
    const blocks = (JSON.parse(await runSelfeval(['read', path('不重复标题.pdf'), '--format', 'json'])) as { blocks: JsonBlock[] }).blocks;
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows!.map((r) => r.map((c) => c.text))).toEqual(threeLineRows());
  }, 120_000);

  it.each(['垂直居中', '居中不重复标题'])('%s: cells centred vertically (a one-line cell halfway down a wrapped row), every row and cell; a merged 一级指标 in a row of its block', async (name) => {
    const blocks = (JSON.parse(await runSelfeval(['read', path(`${name}.pdf`), '--format', 'json'])) as { blocks: JsonBlock[] }).blocks;
    const tables = blocks.filter((b) => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const rows = tables[0]!.rows!.map((r) => r.map((c) => c.text));
    const expected = threeLineRows();
    expect(rows.map((r) => r.slice(1))).toEqual(expected.map((r) => r.slice(1)));
    // a label centred on its merged block cannot say which rows it spans; it sits in one of them
    const labels = rows.flatMap((r, i) => (r[0] !== '' ? [[r[0], i] as const] : []));
    expect(labels.map(([label]) => label)).toEqual(expected.map((r) => r[0]).filter((label) => label !== ''));
    for (const [label, i] of labels.slice(1, -1)) expect(INDICATORS[i - 1]!.level1, `row ${i + 1}`).toBe(label);
  }, 120_000);

  it('selfeval check: the same findings as the .docx; a consistent report has no error or warning, a wrong 合计 the same error', async () => {
    for (const name of ['报告', '不重复标题', '合计有误', '垂直居中', '居中不重复标题']) {
      const word = await checkFindings(path(`${name}.docx`));
      expect(gist(await checkFindings(path(`${name}.pdf`))), name).toEqual(gist(word));
      const serious = word.filter((f) => f.severity === 'error' || f.severity === 'warning');
      if (name === '合计有误') expect(serious.map((f) => f.severity)).toContain('error');
      else expect(serious, name).toEqual([]);
    }
    const text = await runSelfeval(['check', path('报告.pdf')]);
    expect(text).toContain(`考核 ${INDICATORS.length} 项`);
  }, 300_000);
});

const RULE = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

describe.skipIf(!hasSoffice)('rules that are not a 三线表', () => {
  it('a short 三线表 on one page reads with its header; a paragraph boxed above and below by rules stays a paragraph', async () => {
    const rows = [['项目', '年初预算', '执行数', '执行率'], ['基本支出', '120.00', '118.50', '98.75%'], ['项目支出', '80.00', '72.30', '90.38%'], ['合计', '200.00', '190.80', '95.40%']];
    const table = new Table({
      width: { size: 8000, type: WidthType.DXA },
      columnWidths: [2000, 2000, 2000, 2000],
      borders: { top: RULE, bottom: RULE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
      rows: rows.map((row, r) => new TableRow({ children: row.map((text) => new TableCell({ width: { size: 2000, type: WidthType.DXA }, ...(r === 0 ? { borders: { bottom: RULE } } : {}), children: [new Paragraph(text)] })) })),
    });
    const boxed = ['说明：本表数据来源于部门决算报表，    金额单位为万元，执行率为执行数除以年初预算数。', '如与决算报表不一致，以决算报表为准，    特此说明。'];
    const docx = new Uint8Array(await Packer.toBuffer(new WordDocument({ sections: [{ children: [
      new Paragraph('预算执行情况如下表。'),
      table,
      new Paragraph('以上为预算执行情况。'),
      ...boxed.map((text, i) => new Paragraph({ border: { ...(i === 0 ? { top: RULE } : {}), ...(i === boxed.length - 1 ? { bottom: RULE } : {}) }, children: [new TextRun(text)] })),
    ] }] })));
    const read = await readDocument('表.pdf', convertWith(docx, 'docx', 'pdf'));
    if (!read.ok) throw new Error(read.problem.message);
    const tables = read.document.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual(rows);
    const text = read.document.blocks.flatMap((b) => (b.kind === 'table' ? [] : [b.text.replace(/\s+/g, '')]));
    expect(text).toEqual(['预算执行情况如下表。', '以上为预算执行情况。', ...boxed.map((t) => t.replace(/\s+/g, ''))]);
  }, 120_000);

  it('pages with a running header over a rule and a footer under one: those rules bound no table, their text ends none', async () => {
    for (const options of [{ borderless: true, repeatHeader: false }, { repeatHeader: true }, { centred: true, repeatHeader: false }]) {
      const pdf = convertWith(await threeLineDocx({ ...options, pageRules: true }), 'docx', 'pdf');
      const read = await readDocument('页眉.pdf', pdf);
      if (!read.ok) throw new Error(read.problem.message);
      const tables = read.document.blocks.filter((b): b is TableBlock => b.kind === 'table');
      const rows = tables.map((t) => t.rows.map((r) => r.map((c) => c.text)));
      if (options.centred) expect(rows.map((t) => t.map((r) => r.slice(1))), JSON.stringify(options)).toEqual([threeLineRows().map((r) => r.slice(1))]);
      else expect(rows, JSON.stringify(options)).toEqual([threeLineRows()]);
      const texts = read.document.blocks.flatMap((b) => (b.kind === 'table' ? [] : [b.text]));
      expect(texts.filter((t) => t === '2024年度部门整体支出绩效自评报告').length).toBeGreaterThanOrEqual(3);
    }
  }, 300_000);
});
