import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ensureTransferToFixedLength, readPageRulings } from '../../src/document/pdf-rulings.js';

/**
 * Two real 部门决算 PDFs as a district published them (ONLYOFFICE and WPS): every table in them, written out by hand
 * from the rendered pages in test/fixtures/pdf-tables/, must come back from `selfeval read --format json` cell for
 * cell — merged cells as their master's text marked `^`, tables continued on the next page joined into one.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PDF_DIR = join(ROOT, '..', 'shared', 'pdf');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'pdf-tables');
const PDFS = ['上海市普陀区财政局2024年度部门决算', '附件2：部门决算模板'];

interface ExpectedTable {
  title: string; // "# 表 2 · 第 6、7 页"
  rows: string[][];
}

/** An expected-table file: "# 表 N · 第 P 页" then one line per row, cells split by " | ", a merged cell as "^text". */
function expectedTables(text: string): ExpectedTable[] {
  const tables: ExpectedTable[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('# ')) tables.push({ title: line, rows: [] });
    else if (line !== '') tables[tables.length - 1]!.rows.push(line.split(' | '));
  }
  return tables;
}

interface JsonCell { text: string; merged: boolean; row: number; column: number; location: { page?: number } }
interface JsonBlock { kind: string; location: { table?: number }; rows?: JsonCell[][] }

function readJson(path: string): Promise<{ blocks: JsonBlock[] }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [join(ROOT, 'bin', 'selfeval.js'), 'read', path, '--format', 'json'], { maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as { blocks: JsonBlock[] })));
  });
}

function asRead(block: JsonBlock): ExpectedTable {
  const rows = block.rows ?? [];
  const pages = [...new Set(rows.map((row) => row[0]!.location.page))];
  return {
    title: `# 表 ${block.location.table} · 第 ${pages.join('、')} 页`,
    rows: rows.map((row) => row.map((cell) => `${cell.merged ? '^' : ''}${cell.text}`)),
  };
}

describe('real 部门决算 PDFs: every table cell for cell', () => {
  for (const name of PDFS) {
    it(`${name}.pdf`, async () => {
      const expected = expectedTables(readFileSync(join(FIXTURES, `${name}.tables.txt`), 'utf8'));
      const json = await readJson(join(PDF_DIR, `${name}.pdf`));
      const tables = json.blocks.filter((b) => b.kind === 'table').map(asRead);
      expect(tables.map((t) => t.title)).toEqual(expected.map((t) => t.title));
      for (const [k, table] of expected.entries()) expect(tables[k], table.title).toEqual(table);
      // cells know where they are: row and column numbers run 1…n in every table
      for (const block of json.blocks.filter((b) => b.kind === 'table')) {
        block.rows!.forEach((row, r) => row.forEach((cell, c) => expect([cell.row, cell.column]).toEqual([r + 1, c + 1])));
      }
    }, 120_000);
  }

  it('the operator list of a known page yields its rulings on this Node (the transferToFixedLength guard)', async () => {
    const { getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(readFileSync(join(PDF_DIR, `${PDFS[0]}.pdf`))), { verbosity: 0 });
    try {
      const page = await pdf.getPage(6); // 收入支出决算总表: 29 rows × 4 columns, every cell ruled
      const rulings = await readPageRulings(page, 595 * 842);
      const horizontal = rulings!.filter((r) => r.horizontal).length;
      const vertical = rulings!.filter((r) => !r.horizontal).length;
      expect(horizontal).toBeGreaterThanOrEqual(29);
      expect(vertical).toBeGreaterThanOrEqual(4);
      // readPageRulings installed the guard itself; it copies like the standard method
      type Transferable = ArrayBuffer & { transferToFixedLength(length?: number): ArrayBuffer };
      const copy = new Uint8Array((new Uint8Array([1, 2, 3, 4]).buffer as Transferable).transferToFixedLength(2));
      expect([...copy]).toEqual([1, 2]);
      ensureTransferToFixedLength(); // a second call changes nothing
      expect((new ArrayBuffer(8) as Transferable).transferToFixedLength(4).byteLength).toBe(4);
    } finally {
      await pdf.destroy();
    }
  }, 60_000);
});
