import { basename } from 'node:path';
import type { Bonus, IndicatorNode, Paragraph, ParseResult, StatedTotal } from '../model/index.js';
import { normalizeLine } from './normalize-line.js';
import { problem } from './problems.js';
import { extractFigures } from './figures.js';

/** Columns of a 自评评分表 sheet, found by header text. */
interface Columns {
  levels: number[]; // 一级/二级/三级指标 column numbers, in order
  weight: number;
  score: number;
  reason: number | null;
  headerRow: number;
}

const LEVEL_HEADERS = [/一级指标/u, /二级指标/u, /三级指标/u];
const WEIGHT_HEADER = /^(分值|权重|指标分值|标准分|满分)/u;
const SCORE_HEADER = /自评得分|^得分$|自评分/u;
const REASON_HEADER = /扣分原因|扣分说明|得分说明|评分说明|说明|备注/u;
const WEIGHT_IN_NAME = /（\s*(\d+(?:\.\d+)?)\s*分\s*）/u;
const TOTAL_ROW = /^(合计|总分|总计|自评总分)/u;
const BONUS_ROW = /加减分|加分项|减分项/u;

type Sheet = import('exceljs').Worksheet;

function cellText(sheet: Sheet, row: number, column: number): string {
  const cell = sheet.getRow(row).getCell(column);
  const master = cell.isMerged ? cell.master : cell;
  const value = master.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'result' in value) return String(value.result ?? '');
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return normalizeLine(String(master.text ?? value));
}

function findColumns(sheet: Sheet): Columns | null {
  for (let r = 1; r <= Math.min(sheet.rowCount, 10); r += 1) {
    const headers = new Map<number, string>();
    sheet.getRow(r).eachCell({ includeEmpty: false }, (cell, c) => headers.set(c, normalizeLine(String(cell.text))));
    const find = (re: RegExp) => [...headers].find(([, h]) => re.test(h))?.[0];
    const score = find(SCORE_HEADER);
    const weight = find(WEIGHT_HEADER);
    const levels = LEVEL_HEADERS.map(find).filter((c): c is number => c !== undefined);
    if (score !== undefined && weight !== undefined && levels.length > 0) {
      return { levels, weight, score, reason: find(REASON_HEADER) ?? null, headerRow: r };
    }
  }
  return null;
}

function numberOf(text: string): number | null {
  const m = /-?\d+(?:\.\d+)?/.exec(text);
  return m ? Number(m[0]) : null;
}

/** Read a 自评评分表 (.xlsx): one row per scored indicator, merged cells for the parent levels. */
export async function parseScoreTable(name: string, bytes: Uint8Array): Promise<ParseResult> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, problems: [problem('corrupt-file', { format: 'Excel（.xlsx）' })] };
  }
  const sheet = workbook.worksheets.find((s) => findColumns(s) !== null);
  const columns = sheet ? findColumns(sheet) : null;
  if (!sheet || !columns) return { ok: false, problems: [problem('no-score-table')] };

  const lines: string[] = [];
  const paragraphs: Paragraph[] = [];
  const roots: IndicatorNode[] = [];
  const byId = new Map<string, IndicatorNode>();
  const statedTotals: StatedTotal[] = [];
  let bonus: Bonus | null = null;

  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const cells: string[] = [];
    sheet.getRow(r).eachCell({ includeEmpty: true }, (_cell, c) => cells.push(cellText(sheet, r, c)));
    lines[r - 1] = cells.join('\t');
    if (r <= columns.headerRow) continue;
    const names = columns.levels.map((c) => cellText(sheet, r, c)).filter((n, i, all) => n !== '' && n !== all[i - 1]);
    const weight = numberOf(cellText(sheet, r, columns.weight));
    const score = numberOf(cellText(sheet, r, columns.score));
    const reason = columns.reason ? cellText(sheet, r, columns.reason) : '';
    if (names.length === 0) continue;
    const text = [...names, reason].filter(Boolean).join('，');
    paragraphs.push({ text, line: r, endLine: r, sectionPath: names, segments: [{ line: r, offset: 0 }] });
    if (TOTAL_ROW.test(names[0]!)) {
      if (score !== null) statedTotals.push({ value: score, line: r, text });
      continue;
    }
    if (names.some((n) => BONUS_ROW.test(n))) {
      if (score !== null) bonus = { score, line: r, evidence: reason };
      continue;
    }
    let parent: IndicatorNode | undefined;
    names.forEach((rawName, depth) => {
      const name = rawName.replace(WEIGHT_IN_NAME, '').trim();
      const path = [...(parent?.path ?? []), name];
      const id = path.join('/');
      let node = byId.get(id);
      const isLeaf = depth === names.length - 1;
      if (!node) {
        node = {
          id, name, path, level: depth + 1, weight: numberOf(WEIGHT_IN_NAME.exec(rawName)?.[1] ?? ''), score: null, assessed: true,
          notAssessedReason: null, line: r, scoreLine: null, evidence: '', evidenceLines: null, reason: null, rubricId: null, children: [],
        };
        byId.set(id, node);
        (parent ? parent.children : roots).push(node);
      }
      if (isLeaf) {
        const notAssessed = score === null && /不考核|不适用/u.test(`${reason}${cellText(sheet, r, columns.score)}`);
        Object.assign(node, {
          weight: weight ?? node.weight,
          score,
          assessed: !notAssessed,
          notAssessedReason: notAssessed ? reason : null,
          scoreLine: score === null ? null : r,
          evidence: reason,
          evidenceLines: reason ? [r, r] : null,
          reason: score !== null && weight !== null && score < weight && reason ? reason : null,
        });
      }
      parent = node;
    });
  }
  if (![...byId.values()].some((n) => n.score !== null)) return { ok: false, problems: [problem('no-scores')] };
  return {
    ok: true,
    report: {
      title: sheet.name,
      department: null,
      year: numberOf(/(20\d{2})/.exec(sheet.name)?.[1] ?? '') ?? null,
      source: { name: basename(name), format: 'xlsx', encoding: 'binary' },
      lines,
      paragraphs,
      sections: [],
      indicators: roots,
      bonus,
      statedTotals,
      figures: extractFigures(paragraphs),
    },
    problems: [],
  };
}
