import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import { UNCONFIRMED } from '../../src/document/read-scan.js';
import type { IndicatorNode, TableBlock } from '../../src/model/index.js';
import { parseDocument } from '../../src/report/parse-document.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { REPO_ROOT } from '../helpers/sample-report.js';
import { convertWith, hasOcr, hasSoffice, INDICATORS, scanOf, wrappedReportDocx, wrappedReportXlsx } from './wrapped-report.js';

/**
 * One report as bureaus publish it: written in Word (.docx) with a 27-indicator table whose 评分标准 column wraps and
 * which runs over page breaks, then printed to PDF, saved as .doc and as a web page by LibreOffice, its table saved as
 * .xlsx/.xls, and the PDF scanned. Every form reads with every indicator, weight and score, and `selfeval check`
 * prints the same findings for each as for the Word (or Excel) original (the scan with the OCR notice besides).
 */

if (!hasSoffice) console.warn('published-format tests skipped: LibreOffice (soffice) is not installed');

const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  if (!hasSoffice) return;
  const docx = await wrappedReportDocx();
  const xlsx = await wrappedReportXlsx();
  files['报告.docx'] = docx;
  files['自评表.xlsx'] = xlsx;
  files['报告.pdf'] = convertWith(docx, 'docx', 'pdf');
  files['报告.doc'] = convertWith(docx, 'docx', 'doc');
  files['报告.html'] = convertWith(docx, 'docx', 'html');
  files['自评表.xls'] = convertWith(xlsx, 'xlsx', 'xls');
  if (hasOcr) files['扫描件.pdf'] = await scanOf(files['报告.pdf']);
}, 600_000);

function leaves(nodes: readonly IndicatorNode[]): IndicatorNode[] {
  return nodes.flatMap((n) => (n.children.length > 0 ? leaves(n.children) : [n]));
}

async function indicatorsOf(name: string): Promise<string[]> {
  const parsed = await readReportBytes(name, files[name]!);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return leaves(parsed.report.indicators).map((n) => `${n.name} ${n.weight} ${n.score}`);
}

const EXPECTED = INDICATORS.map((r) => `${r.name} ${r.weight} ${r.score}`);

interface Finding { severity: string; ruleId: string; message: string }

function run(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO_ROOT, 'bin', 'selfeval.js'), ...args], { maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (_error, stdout, stderr) => resolve(`${stdout}${stderr}`));
  });
}

async function check(path: string): Promise<Finding[]> {
  const out = await run(['check', path, '--format', 'json']);
  try {
    return (JSON.parse(out) as { findings: Finding[] }).findings;
  } catch {
    throw new Error(out.slice(0, 800));
  }
}

const checkText = (path: string) => run(['check', path]);

describe.skipIf(!hasSoffice)('a report as bureaus publish it', () => {
  for (const name of ['报告.docx', '报告.pdf', '报告.doc', '报告.html', '自评表.xlsx', '自评表.xls']) {
    it(`${name}: every indicator with its weight and score`, async () => {
      expect(await indicatorsOf(name)).toEqual(EXPECTED);
    }, 120_000);
  }

  it('the PDF: the scores table crosses pages and is one table; 评分标准 wrapped over lines is one cell', async () => {
    const read = await readDocument('报告.pdf', files['报告.pdf']!);
    if (!read.ok) throw new Error(read.problem.message);
    const tables = read.document.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables).toHaveLength(1);
    const pages = new Set(tables[0]!.rows.map((r) => r[0]!.location.page));
    expect(pages.size).toBeGreaterThan(1);
    expect(tables[0]!.rows).toHaveLength(INDICATORS.length + 2);
    expect(tables[0]!.rows[1]![4]!.text).toBe('符合相关规定和要求的得满分；每发现一处不符合扣0.5分，资料不完整的酌情扣分，扣完为止');
    // the 一级指标 merged down its block reads on every row, as the Word original does
    expect(tables[0]!.rows.slice(1, 6).map((r) => r[0]!.text)).toEqual(['投入', '投入', '投入', '投入', '投入']);
  }, 120_000);

  it('the .doc and .xls say they were converted, and point into the original (table, row, cell)', async () => {
    const doc = await readDocument('报告.doc', files['报告.doc']!);
    const xls = await readDocument('自评表.xls', files['自评表.xls']!);
    if (!doc.ok || !xls.ok) throw new Error('unreadable');
    expect(doc.document.original).toEqual({ format: 'doc', via: 'libreoffice' });
    expect(xls.document.original).toEqual({ format: 'xls', via: 'libreoffice' });
    const table = doc.document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows[5]![2]!.location).toMatchObject({ table: 1, row: 6, column: 3 });
    const sheet = xls.document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(sheet.rows[5]![2]!.location).toMatchObject({ sheet: '自评表', cell: 'C6' });
  }, 120_000);

  it.skipIf(!hasOcr)('the scan: every indicator with its weight and score through OCR (2.5 with its point, 1 as a figure), the document marked as recognised', async () => {
    const read = await readDocument('扫描件.pdf', files['扫描件.pdf']!);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.document.ocr).toBe(true);
    const parsed = parseDocument(read.document); // the scan recognised once (recognition takes seconds a page)
    if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
    expect(parsed.report.source.ocr).toBe(true);
    expect(leaves(parsed.report.indicators).map((n) => `${n.name} ${n.weight} ${n.score}`)).toEqual(EXPECTED);
    // no figure of this clean scan is left unconfirmed
    expect(read.document.lines.join('\n')).not.toContain(UNCONFIRMED);
  }, 600_000);

  it('selfeval check prints the same findings for the .pdf, .doc and .html as for the .docx, and for the .xls as for the .xlsx; a scan says it was recognised', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'selfeval-published-'));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
    const gist = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.ruleId} ${f.message.replace(/第\s*\d+\s*[页行列段]|表\s*\d+|[A-Z]+\d+/gu, '')}`).sort();
    const word = gist(await check(join(dir, '报告.docx')));
    expect(word.length).toBeGreaterThan(0);
    for (const name of ['报告.pdf', '报告.doc', '报告.html']) expect(gist(await check(join(dir, name))), name).toEqual(word);
    expect(gist(await check(join(dir, '自评表.xls')))).toEqual(gist(await check(join(dir, '自评表.xlsx'))));
    if (hasOcr) {
      // Each finding on the scan ends saying its numbers came from OCR; without that note it is the .docx's finding.
      const scanned = await check(join(dir, '扫描件.pdf'));
      for (const finding of scanned) expect(finding.message).toMatch(/（此项.*OCR.*须与扫描原件核对）$/u);
      const unnoted = scanned.map((f) => ({ ...f, message: f.message.replace(/（此项[^（]*OCR[^（]*）$/u, '') }));
      expect(gist(unnoted), '扫描件.pdf').toEqual(word);
      expect(await checkText(join(dir, '扫描件.pdf'))).toContain('文字和数字由 OCR 识别得到');
      expect(JSON.parse(await run(['check', join(dir, '扫描件.pdf'), '--format', 'json'])).report.ocr).toBe(true);
      expect(JSON.parse(await run(['check', join(dir, '报告.pdf'), '--format', 'json'])).report.ocr).toBeUndefined();
    }
  }, 600_000);
});
