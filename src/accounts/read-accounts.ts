import type { Block, Document, TableBlock } from '../model/index.js';
import type { Accounts, AccountsRow, AccountsTable, AccountsTableKind } from './accounts-model.js';
import { proseFigures } from './prose-figures.js';
import { cellDecimal, columnsOf, headerRowCount, normaliseDigits, segmentsOf } from './table-layout.js';

/** Title patterns, most specific first (收入决算表 is the tail of 财政拨款收入支出决算总表's neighbours). */
const TITLES: readonly [AccountsTableKind, RegExp][] = [
  ['grantOverview', /财政拨款收入支出决算总表$/u],
  ['overview', /收入支出决算总表$/u],
  ['generalBasic', /一般公共预算财政拨款基本支出决算表$/u],
  ['generalExpenditure', /一般公共预算财政拨款支出决算表$/u],
  ['threePublic', /财政拨款[“"‘']?三公[”"’']?经费支出决算表$/u],
  ['govFund', /政府性基金预算财政拨款(?:收入)?支出决算表$/u],
  ['stateCapital', /国有资本经营预算财政拨款(?:收入)?支出决算表$/u],
  ['income', /收入决算表$/u],
  ['expenditure', /支出决算表$/u],
];

/** A title line: "收入支出决算总表", "一、收入决算表", "表3 支出决算表", "上海市XX局2024年度收入决算表（续）". */
export function tableKindOf(text: string): AccountsTableKind | null {
  const t = text.replace(/\s+/gu, '').replace(/[（(]续[）)]$/u, '');
  if (t.length > 60 || /[。；，]/u.test(t)) return null;
  for (const [kind, pattern] of TITLES) if (pattern.test(t)) return kind;
  return null;
}

const UNIT = /单位[：:]\s*(万元|元)/u;

/** The title and unit printed just above a table (up to four blocks back), or in its own first rows (a sheet). */
function titleOf(blocks: readonly Block[], index: number): { kind: AccountsTableKind; title: string; unit: '万元' | '元' | null; skip: number } | null {
  let unit: '万元' | '元' | null = null;
  for (let back = index - 1; back >= Math.max(0, index - 4); back -= 1) {
    const block = blocks[back]!;
    if (block.kind === 'table') break;
    const u = UNIT.exec(block.text);
    if (u && !unit) unit = u[1] as '万元' | '元';
    const kind = tableKindOf(block.text.replace(UNIT, ''));
    if (kind) return { kind, title: block.text.replace(UNIT, '').trim(), unit, skip: 0 };
  }
  const table = blocks[index] as TableBlock;
  let found: { kind: AccountsTableKind; title: string } | null = null;
  let skip = 0;
  for (const [r, row] of table.rows.slice(0, 4).entries()) {
    const texts = [...new Set(row.map((c) => c.text).filter(Boolean))];
    if (texts.length > 3) break;
    const joined = texts.join(' ');
    const kind: AccountsTableKind | null = found ? null : tableKindOf(texts[0] ?? '');
    if (kind) found = { kind, title: texts[0]! };
    const u = UNIT.exec(joined);
    if (u) unit = u[1] as '万元' | '元';
    if (kind || u || /编制单位|^公开\d*表$/u.test(joined)) skip = r + 1;
    else if (found) break;
  }
  if (!found && table.name) {
    const kind = tableKindOf(table.name);
    if (kind) found = { kind, title: table.name.trim() };
  }
  return found ? { ...found, unit, skip } : null;
}

function rowsOf(block: TableBlock, skip: number): { columns: string[]; rows: AccountsRow[] } {
  const body = block.rows.slice(skip);
  const headers = headerRowCount(body);
  const info = columnsOf({ ...block, rows: body }, headers);
  const segments = segmentsOf(info);
  const keyOf = new Map<number, string>();
  for (const segment of segments) {
    for (const c of segment.values) {
      const label = info[c]!.label;
      const plain = label.replace(/#\d+$/u, '');
      keyOf.set(c, segment.values.some((o) => o !== c && info[o]!.label.replace(/#\d+$/u, '') === plain) ? label : plain);
    }
  }
  const rows: AccountsRow[] = [];
  body.slice(headers).forEach((cells, i) => {
    const r = skip + headers + i;
    const line = block.line + r;
    for (const segment of segments) {
      // 款 and 项 typed as numbers in a workbook lose their leading zero ("06" → 6).
      const codeTexts = segment.codes.map((c) => normaliseDigits(cells[c]?.text ?? '')).map((t, k) => (k > 0 && /^\d$/u.test(t) ? `0${t}` : t));
      const digits = codeTexts.every((t) => /^\d*$/u.test(t)) ? codeTexts.join('') : '';
      const words = codeTexts.filter((t) => t && !/^\d+$/u.test(t) && !/^(?:类|款|项)$/u.test(t));
      const nameText = segment.name === null ? '' : (cells[segment.name]?.text ?? '').replace(/\s+/gu, '');
      const name = nameText || words[0] || '';
      const values: AccountsRow['values'] = {};
      for (const c of segment.values) {
        const cell = cells[c];
        if (!cell) continue;
        values[keyOf.get(c)!] = { value: cell.merged ? null : cellDecimal(cell.text), raw: cell.text, line, location: cell.location };
      }
      if (!name && !digits && !(segment.name === null && segment.codes.length === 0)) continue;
      rows.push({ side: segment.side, code: /^\d{3,}$/u.test(digits) ? digits : null, name, values, line, location: cells[0]?.location ?? block.location });
    }
  });
  const columns = [...new Set(keyOf.values())];
  return { columns, rows };
}

const DEPARTMENT_YEAR = /^(.{2,40}?)(\d{4})年度?部门决算/u;

/** A 部门决算 read from its Document: the standard tables found by title, their rows and values, and the 说明's figures. */
export function readAccounts(document: Document): Accounts {
  const tables: AccountsTable[] = [];
  document.blocks.forEach((block, index) => {
    if (block.kind !== 'table') return;
    const title = titleOf(document.blocks, index);
    if (!title || tables.some((t) => t.kind === title.kind)) return;
    const { columns, rows } = rowsOf(block, title.skip);
    tables.push({ kind: title.kind, title: title.title, unit: title.unit, columns, rows, line: block.line, location: block.location });
  });
  const head = document.lines.slice(0, 4).map((l) => l.replace(/\s+/gu, '')).join('');
  const m = DEPARTMENT_YEAR.exec(head);
  const all: AccountsTableKind[] = ['overview', 'income', 'expenditure', 'grantOverview', 'generalExpenditure', 'generalBasic', 'threePublic', 'govFund', 'stateCapital'];
  const lastTable = Math.max(0, ...tables.map((t) => t.line));
  return {
    name: document.name,
    department: m?.[1] ?? null,
    year: m ? Number(m[2]) : null,
    tables,
    missing: all.filter((k) => !tables.some((t) => t.kind === k)),
    prose: proseFigures(document, lastTable),
    duties: dutiesOf(document),
  };
}

/** The 主要职能 paragraphs of the 概况 (the last "主要职能" heading, past the 目录), up to the next numbered heading. */
function dutiesOf(document: Document): string {
  const starts = document.blocks.flatMap((b, i) => (b.kind !== 'table' && /^[一二三四五六七八九十]、\s*主要职能$/u.test(b.text.trim()) ? [i] : []));
  const start = starts[starts.length - 1];
  if (start === undefined) return '';
  const text: string[] = [];
  for (const block of document.blocks.slice(start + 1)) {
    if (block.kind === 'table' || /^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分)/u.test(block.text.trim())) break;
    text.push(block.text.trim());
  }
  return text.join('');
}
