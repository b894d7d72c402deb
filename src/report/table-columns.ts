/**
 * Find the header of an indicator table and give each column a ROLE by what its header means, not by its exact text:
 * "自评得分", "得分", "评分", "实际得分" are all the score; "分值", "权重", "标准分", "满分", "指标分值" the weight.
 * Works on any rows × cells of text (docx/pdf/xlsx/markdown tables after merged cells are resolved).
 */

export type ColumnRole =
  | 'level' // 一级/二级/三级指标 or 指标名称: the indicator's name at one level
  | 'weight'
  | 'score'
  | 'standard'
  | 'reason'
  | 'target'
  | 'actual'
  | 'budgetInitial' // 年初预算数
  | 'budgetFull' // 全年预算数
  | 'budgetExecuted' // 全年执行数
  | 'executionRate' // 执行率
  | 'deduction'; // 扣分 (the points lost, beside 得分)

export type RequiredRole = 'levels' | 'weight' | 'score';

export interface TableColumns {
  /** 0-based index of the first header row (a title row above it is skipped). */
  headerRow: number;
  /** 0-based index of the first data row (after one or two header rows). */
  firstDataRow: number;
  /** The header text of every column (two header rows joined with "/"), normalised. */
  headers: string[];
  /** Indicator level columns, outermost first (一级, 二级, 三级; or a single 指标名称). */
  levels: number[];
  weight: number | null;
  score: number | null;
  standard: number | null;
  reason: number | null;
  target: number | null;
  actual: number | null;
  budgetInitial: number | null;
  budgetFull: number | null;
  budgetExecuted: number | null;
  executionRate: number | null;
  /** A 扣分 column beside 得分 (Sichuan-style forms): 分值 − 扣分 = 得分. */
  deduction?: number | null;
  /** Roles an indicator table needs that this header lacks (e.g. ['score'] for a 评分细则 without scores). */
  missing: RequiredRole[];
  /**
   * A 分值 column after every level ("一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值"): the weight column of each
   * level, parallel to `levels` (null where a level has none). Absent when the table has one weight column; then
   * `weight` is the deepest level's.
   */
  levelWeights?: (number | null)[];
}

type SingleRole = Exclude<ColumnRole, 'level'>;

/** Order matters: the first role whose pattern fits a header wins ("指标分值" is a weight, "年度指标值" a target). */
const ROLE_PATTERNS: { role: SingleRole; re: RegExp }[] = [
  { role: 'executionRate', re: /执行率/u },
  { role: 'budgetInitial', re: /年初预算/u },
  { role: 'budgetFull', re: /全年预算|调整后预算|预算数/u },
  { role: 'budgetExecuted', re: /全年执行|执行数|实际支出数/u },
  { role: 'standard', re: /评分标准|评分依据|计分方法|计分标准|评分办法|评分细则|评分规则|评价标准|考核标准|评分要点|评分方法/u },
  { role: 'deduction', re: /^(?:扣分|扣分值|扣分数|扣减分值?)$/u },
  { role: 'reason', re: /扣分原因|扣分理由|扣分说明|扣分情况|扣分依据|得分说明|评分说明|偏差原因|偏差说明|差异原因|差异说明|情况说明|原因分析|未完成原因|未达标原因|原因说明|^原因$|改进措施|^说明$|^备注$/u },
  { role: 'score', re: /自评得分|实际得分|评价得分|考核得分|自评分|^得分|^评分$|^自评$|得分$/u },
  { role: 'weight', re: /分值|权重|标准分|满分|^分数$|^指标分$/u },
  { role: 'target', re: /年度指标值|指标值|目标值|预期目标|年度目标|计划值|预期值/u },
  { role: 'actual', re: /实际完成值|实际完成|完成情况|完成值|实际值|实际达到/u },
];

const LEVEL_ORDINALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };
const ORDINAL_LEVEL = /^([一二三四])级(?:指标)?/u;
const GENERIC_LEVEL = /^(?:指标名称|指标|评价指标|考核指标|绩效指标|指标内容|评价内容|考核内容|评价项目|项目|指标项)$/u;

/** Header text without spaces, line breaks, units in brackets or a trailing colon: "自评\n得分（分）" → "自评得分". */
export function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000]+/gu, '')
    .replace(/[（(][^）)]{0,8}[)）]$/u, '')
    .replace(/[：:]$/u, '');
}

/** The role of one header cell, with the level (1, 2, 3 …; 0 for a generic 指标名称) for level columns. */
export function roleOfHeader(raw: string): { role: ColumnRole; level?: number } | null {
  const text = normalizeHeader(raw);
  if (text === '' || text.length > 20 || /^\d+(?:\.\d+)?%?$/u.test(text)) return null;
  const ordinal = ORDINAL_LEVEL.exec(text);
  if (ordinal) return { role: 'level', level: LEVEL_ORDINALS[ordinal[1]!]! };
  for (const { role, re } of ROLE_PATTERNS) if (re.test(text)) return { role };
  if (GENERIC_LEVEL.test(text)) return { role: 'level', level: 0 };
  return null;
}

interface HeaderReading {
  headers: string[];
  columns: Omit<TableColumns, 'headerRow' | 'firstDataRow' | 'headers' | 'missing'>;
  roles: number; // how many distinct roles the header names
}

function emptyColumns(): HeaderReading['columns'] {
  return {
    levels: [], weight: null, score: null, standard: null, reason: null, target: null, actual: null,
    budgetInitial: null, budgetFull: null, budgetExecuted: null, executionRate: null, deduction: null,
  };
}

/** Read one (possibly two-row) header: each column's role from the lower row's text, else the upper row's. */
function readHeader(upper: readonly string[], lower: readonly string[] | null): HeaderReading {
  const width = Math.max(upper.length, lower?.length ?? 0);
  const columns = emptyColumns();
  const headers: string[] = [];
  const ordinalLevels: { column: number; level: number }[] = [];
  const genericLevels: number[] = [];
  const seen = new Set<string>();
  const weightColumns: number[] = [];
  for (let c = 0; c < width; c += 1) {
    const top = normalizeHeader(upper[c] ?? '');
    const bottom = normalizeHeader(lower?.[c] ?? '');
    headers.push(bottom !== '' && bottom !== top ? (top === '' ? bottom : `${top}/${bottom}`) : top);
    const found = (bottom !== '' ? roleOfHeader(bottom) : null) ?? roleOfHeader(top);
    if (!found) continue;
    if (found.role === 'weight') weightColumns.push(c);
    if (found.role === 'level') {
      if (found.level === 0) genericLevels.push(c);
      else if (!ordinalLevels.some((l) => l.level === found.level)) ordinalLevels.push({ column: c, level: found.level! });
      seen.add('level');
      continue;
    }
    if (columns[found.role] === null) {
      columns[found.role] = c;
      seen.add(found.role);
    }
  }
  columns.levels = ordinalLevels.length > 0
    ? ordinalLevels.sort((a, b) => a.level - b.level).map((l) => l.column)
    : genericLevels.slice(0, 1);
  if (weightColumns.length > 1 && columns.levels.length > 1) {
    // Each level's own 分值 column sits between it and the next level; the leaf's weight is the deepest level's.
    const levelWeights = columns.levels.map((column, i) => {
      const next = columns.levels[i + 1] ?? width;
      return weightColumns.find((c) => c > column && c < next) ?? null;
    });
    const deepest = levelWeights[levelWeights.length - 1];
    if (deepest !== null && deepest !== undefined) {
      columns.weight = deepest;
      columns.levelWeights = levelWeights;
    }
  }
  return { headers, columns, roles: seen.size };
}

const HEADER_SCAN_ROWS = 60;

/** A cell that is a value, not a header: "95", "95%", and a score written with its unit ("9.5分", "0 分"). */
const VALUE_CELL = /^[-+]?\d+(?:\.\d+)?\s*(?:%|分)?$/u;

function isHeaderLike(row: readonly string[]): boolean {
  const filled = row.filter((t) => t.trim() !== '');
  return filled.length > 0 && filled.every((t) => !VALUE_CELL.test(t.trim()) && t.trim().length <= 24);
}

/** Does the row below add roles to the header (a two-row header such as 自评 / 得分 · 扣分原因)? */
function secondRowAdds(upper: readonly string[], lower: readonly string[] | undefined): boolean {
  if (!lower || !isHeaderLike(lower)) return false;
  return lower.some((text, c) => {
    const own = roleOfHeader(text);
    return own !== null && normalizeHeader(text) !== normalizeHeader(upper[c] ?? '') && own.role !== 'level';
  });
}

function missingOf(columns: HeaderReading['columns']): RequiredRole[] {
  const missing: RequiredRole[] = [];
  if (columns.levels.length === 0) missing.push('levels');
  if (columns.weight === null) missing.push('weight');
  if (columns.score === null) missing.push('score');
  return missing;
}

/**
 * Find the indicator header in a table: the first row (within the first rows, a title row above allowed) that names
 * indicator levels and at least one more role; a second header row below it is read too. Returns null when no row
 * looks like an indicator header; otherwise the columns with `missing` listing absent weight/score columns.
 * `from` starts the search at a later row (a form with several header rows, e.g. the national 自评表).
 */
export function findTableColumns(rows: readonly (readonly string[])[], from = 0): TableColumns | null {
  const end = Math.min(rows.length, from + HEADER_SCAN_ROWS);
  for (let r = from; r < end; r += 1) {
    const row = rows[r]!;
    if (!isHeaderLike(row) || !row.some((text) => roleOfHeader(text) !== null)) continue; // a title row has no role
    const two = secondRowAdds(row, rows[r + 1]);
    const reading = readHeader(row, two ? rows[r + 1]! : null);
    const { columns } = reading;
    if (columns.levels.length === 0 || reading.roles < 2) continue;
    if (columns.weight === null && columns.score === null && columns.standard === null && columns.target === null) continue;
    return { headerRow: r, firstDataRow: r + (two ? 2 : 1), headers: reading.headers, ...columns, missing: missingOf(columns) };
  }
  return null;
}

/** The roles a single row names (for rows that are not indicator headers, e.g. the budget block's header). */
export function headerRolesOf(row: readonly string[]): TableColumns | null {
  if (!isHeaderLike(row)) return null;
  const reading = readHeader(row, null);
  if (reading.roles < 2) return null;
  return { headerRow: 0, firstDataRow: 1, headers: reading.headers, ...reading.columns, missing: missingOf(reading.columns) };
}
