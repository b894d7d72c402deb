import type { Document, Paragraph, Report, Section } from '../model/index.js';
import type { TableView } from './table-rows.js';

const YEAR = /(20\d{2})\s*年度?/u;
const DEPARTMENT = /(?:部门|单位)名称[：:]\s*(.+)$/u;
const DEPARTMENT_LABEL = /^(?:部门|单位|预算单位|主管部门)(?:名称)?$/u;

/** Characters of a unit's name: Chinese, placeholders (XX县), brackets and the middle dot. */
const NAME_CHARS = '[\\p{Script=Han}A-Za-zＡ-Ｚａ-ｚ（）()·]';
/** How a budget unit's name ends: 某市交通运输局, 某县政务数据服务中心, 某镇人民政府, 某区卫生健康委员会 … */
const UNIT_END = '(?:委员会|办公室|人民政府|政府|中心|学校|中学|小学|大学|局|委|办|院|厅|部|站|所|馆|队|处|署|社|会|团)';
/** What follows the unit in a report title: the year, or the kind of evaluation (部门整体/项目支出), or 关于. */
const AFTER_UNIT = '(?=\\s*(?:20\\d{2}\\s*年|部门整体|整体支出|项目支出|关于))';
const DEPARTMENT_IN_TITLE = new RegExp(`^(?:关于)?\\s*(?:20\\d{2}\\s*年度?)?\\s*(${NAME_CHARS}{2,40}?${UNIT_END})${AFTER_UNIT}`, 'u');

/**
 * The unit a title names: "某市交通运输局2024年度部门整体支出绩效自评表", "XX县农业农村局部门整体支出绩效自评报告",
 * "关于某县水利局2024年度…的报告". Null when the title names none ("2024年度部门整体支出绩效自评报告").
 */
export function departmentInTitle(title: string): string | null {
  return DEPARTMENT_IN_TITLE.exec(title.replace(/[（(]\s*(?:盖章|公章|签章)\s*[）)]/gu, '').trim())?.[1] ?? null;
}

/** A table's title row: one text across the row (a merged title cell), e.g. "2024年度部门整体支出绩效自评表". */
function titleRow(view: TableView): string | null {
  const first = view.texts[0];
  if (!first) return null;
  const distinct = new Set(first.filter((t) => t !== ''));
  return distinct.size === 1 ? [...distinct][0]! : null;
}

/** 部门名称 in a form: the cell after a "部门名称" cell in the same row. */
function departmentInTables(views: readonly TableView[]): string | null {
  for (const view of views) {
    for (const texts of view.texts.slice(0, 10)) {
      const at = texts.findIndex((t) => DEPARTMENT_LABEL.test(t.replace(/[：:\s]/gu, '')));
      if (at < 0) continue;
      const value = texts.slice(at + 1).find((t) => t !== '' && !DEPARTMENT_LABEL.test(t));
      if (value) return value;
    }
  }
  return null;
}

/** A title wrapped over two lines (as a PDF prints a long one): the cover line just above it, short and unfinished, is its start. */
function wrappedTitle(cover: readonly Paragraph[], found: Paragraph | undefined): string | undefined {
  if (!found) return undefined;
  const before = cover[cover.indexOf(found) - 1];
  const continues = before && before.endLine === found.line - 1 && before.text.length <= 40 && !/[。；：:，,！？）]$/u.test(before.text)
    && !/[：:]/u.test(before.text) && !/报告|自评/u.test(before.text) && /^[\p{Script=Han}]/u.test(found.text) && !/^(?:（|[一二三四五六七八九十]、)/u.test(found.text);
  return continues ? `${before.text}${found.text}` : found.text;
}

/** Title, department and year from the cover paragraphs, a table's title row or a sheet's name. */
export function coverOf(
  document: Pick<Document, 'blocks'>,
  paragraphs: readonly Paragraph[],
  sections: readonly Section[],
  views: readonly TableView[],
): Pick<Report, 'title' | 'department' | 'year'> {
  const firstHeadingLine = sections[0]?.line ?? Number.POSITIVE_INFINITY;
  const cover = paragraphs.filter((p) => p.line < firstHeadingLine);
  const titleBlock = document.blocks.find((b) => b.kind === 'heading' && /报告|自评/u.test(b.text));
  const title =
    wrappedTitle(cover, cover.find((p) => /报告|自评/u.test(p.text))) ?? (titleBlock && titleBlock.kind === 'heading' ? titleBlock.text.trim() : undefined) ?? cover[0]?.text ??
    views.map(titleRow).find((t) => t !== null) ??
    views.find((v) => v.block.name)?.block.name ??
    '';
  const department = paragraphs.map((p) => DEPARTMENT.exec(p.text)?.[1]?.trim()).find((d) => d) ?? departmentInTables(views) ??
    departmentInTitle(title) ?? views.map((v) => departmentInTitle(titleRow(v) ?? '')).find((d) => d !== null);
  const year =
    YEAR.exec(title)?.[1] ??
    paragraphs.map((p) => YEAR.exec(p.text)?.[1]).find((y) => y) ??
    views.map((v) => YEAR.exec(v.block.name ?? '')?.[1] ?? /(20\d{2})/u.exec(titleRow(v) ?? '')?.[1]).find((y) => y);
  return { title, department: department ?? null, year: year ? Number(year) : null };
}
