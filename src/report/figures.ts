import type { Figure, Paragraph } from '../model/index.js';
import { segmentAtOffset } from './paragraph-lines.js';
import { ParagraphRoles } from './figure-roles.js';
import { roleOfHeader, type ColumnRole } from './table-columns.js';

/** Units a report attaches to numbers, longest first so that "个工作日" wins over "个". */
export const UNITS = [
  '个百分点', '个工作日', '平方米', '万人次', '人次', '架次', '万元', '亿元', '公顷', '公斤', '千克', '元', '%', '‰', '分', '个', '项', '人', '名', '台',
  '条', '笔', '户', '家', '件', '篇', '路', '架', '份', '次', '倍', '小时', '天', '年', '月', '日', '所', '处', '批', '套', '块', '辆', '公里', '省', '县',
  '亩', '吨', '起', '宗', '座', '场', '期', '张',
] as const;

const UNIT_ALTERNATION = UNITS.join('|');
// A number, optionally followed by 万/亿 and 余, then a unit. "2.5 万余户" → value 2.5, unit 万户.
const FIGURE = new RegExp(
  `(?<![\\d.])(-?\\d+(?:\\.\\d+)?)(?![\\d.]*\\d)(万|亿)?(余)?(?:（[^）\\d]{1,6}）)?(${UNIT_ALTERNATION})?`,
  'gu',
);
// Single characters, looked up once per character walked (a Set, not a regular expression per character).
const CLAUSE_BREAK = new Set('，。；：、（）！？,;:\t');
const OBJECT_END = new Set('，。；：、！？,;:0123456789\t');
const CONNECTORS = /(?:分别|均|共计|合计|共|约|为|是|达到|达|高达|突破|超过|超|计|至|了|有|的)+$/u;

function objectAfter(text: string, index: number): string {
  let end = index;
  while (end < text.length && !OBJECT_END.has(text[end]!) && end - index < 12) end += 1;
  return text.slice(index, end).trim();
}

function subjectBefore(text: string, index: number): string {
  let start = index;
  while (start > 0 && !CLAUSE_BREAK.has(text[start - 1]!) && index - start < 30) start -= 1;
  return text.slice(start, index).replace(CONNECTORS, '').trim();
}

/**
 * A number alone in a table cell (its clause says nothing before it): about the row's label and the column's header,
 * "年度资金总额" + "全年执行数"; its unit the cell's own ("5200亩") or the column's ("（万元）"). Null for running text.
 */
function tableSubject(paragraph: Paragraph, index: number, end: number, unit: string): { subject: string; unit: string; objectAt: number; label: string; header: string } | null {
  const table = paragraph.table;
  if (!table) return null;
  const column = paragraph.text.slice(0, index).split('\t').length - 1;
  const header = table.headers[column] ?? '';
  if (header === '' || header === table.label) return null;
  const tab = paragraph.text.indexOf('\t', end);
  const rest = paragraph.text.slice(end, tab < 0 ? paragraph.text.length : tab).trim();
  const own = unit === '' && /^\p{Script=Han}{1,2}$/u.test(rest) ? rest : '';
  return {
    subject: `${table.label}${header}`, label: table.label, header,
    unit: unit || own || (rest === '' ? (table.units[column] ?? '') : ''),
    objectAt: own === '' ? end : paragraph.text.indexOf(own, end) + own.length,
  };
}

/**
 * The role of each column of a table row's paragraph (by its header), null for running text. `known` holds the roles
 * of the headers already seen in this call (a table's rows share their headers).
 */
function columnRolesOf(paragraph: Paragraph, known: Map<string, (ColumnRole | null)[]>): (ColumnRole | null)[] | null {
  if (!paragraph.table) return null;
  const key = paragraph.table.headers.join('\t');
  let roles = known.get(key);
  if (!roles) known.set(key, (roles = paragraph.table.headers.map((header) => roleOfHeader(header)?.role ?? null)));
  return roles;
}

/** The 0-based cell of a table row's text that holds `index` (cells joined by tabs). */
function columnAt(text: string, index: number): number {
  let column = 0;
  for (let i = text.indexOf('\t'); i >= 0 && i < index; i = text.indexOf('\t', i + 1)) column += 1;
  return column;
}

/** A minus right after a number, a % or a bracket is a range dash: "85%（含）-95%" → 95, not −95. */
function isRangeDash(text: string, index: number): boolean {
  return text[index] === '-' && index > 0 && /[\d%‰）)]/u.test(text[index - 1]!);
}

/** A number that opens a cell and is followed by 。/、/. and a name: "1.预算执行率", "2、绩效目标". */
function isNumbering(text: string, index: number, length: number): boolean {
  return (index === 0 || text[index - 1] === '\t') && /^[.、．]\p{Script=Han}/u.test(text.slice(index + length, index + length + 2));
}

/** Every number in the report's paragraphs with its unit, subject, role and original line. */
export function extractFigures(paragraphs: readonly Paragraph[]): Figure[] {
  const figures: Figure[] = [];
  const perLine = new Map<number, number>();
  const headerRoles = new Map<string, (ColumnRole | null)[]>();
  for (const paragraph of paragraphs) {
    let columnRoles: (ColumnRole | null)[] | null | undefined;
    let roles: ParagraphRoles | undefined;
    for (const found of paragraph.text.matchAll(FIGURE)) {
      const [matched, number, scale, , unit] = found;
      if (number === undefined) continue;
      if (roles === undefined) {
        roles = new ParagraphRoles(paragraph.text);
        columnRoles = columnRolesOf(paragraph, headerRoles);
      }
      // "2.预算编制规范性" in a name cell: the numbering of the name, not a number of the report.
      if (columnRoles?.[columnAt(paragraph.text, found.index)] === 'level' && isNumbering(paragraph.text, found.index, matched.length)) continue;
      const dash = isRangeDash(paragraph.text, found.index) ? 1 : 0;
      const m = { index: found.index + dash };
      const raw = matched.slice(dash);
      const value = number.slice(dash);
      const segment = segmentAtOffset(paragraph, m.index);
      const line = segment.line;
      const n = perLine.get(line) ?? 0;
      perLine.set(line, n + 1);
      const subject = subjectBefore(paragraph.text, m.index);
      const written = `${scale ?? ''}${unit ?? ''}`;
      const cell = /^[≥≤<>=＜＞≈约]*$/u.test(subject) ? tableSubject(paragraph, m.index, m.index + raw.length, written) : null;
      const role = roles.roleAt(m.index, m.index + raw.length, cell?.unit ?? written, columnRoles?.[columnAt(paragraph.text, m.index)] ?? null);
      figures.push({
        id: `L${line}#${n}`,
        value: value.replace(/^-?0+(?=\d)/, (z) => (z.startsWith('-') ? '-' : '')),
        unit: cell?.unit ?? written,
        raw: raw.trim(),
        subject: cell?.subject ?? subject,
        object: objectAfter(paragraph.text, cell?.objectAt ?? m.index + raw.length),
        line,
        column: m.index - segment.offset + 1,
        sectionPath: paragraph.sectionPath,
        ...(cell ? { table: { label: cell.label, header: cell.header } } : {}),
        role,
      });
    }
  }
  return figures;
}
