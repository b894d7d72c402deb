import { basename, extname } from 'node:path';
import { stringify } from 'yaml';
import { dec, plain, sum } from '../model/decimal.js';
import type { Document, DocumentLocation, Rubric, RubricIndicator } from '../model/index.js';
import { RubricSchema } from '../model/index.js';
import { findTableColumns } from '../report/table-columns.js';
import { numberText, tableViews, type TableView } from '../report/table-rows.js';
import { parseStandard } from './standards/parse-standard.js';

/** Turn a bureau's 指标体系 / 评分细则 table (indicators, 分值, 评分标准; no scores needed) into a rubric file. */

const TOTAL_ROW = /^(?:合计|总分|总计|满分|分值合计)/u;
const WEIGHT_IN_NAME = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/u;
const NUMBERING = /^(?:[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十\d]{1,3}）|\d{1,2}(?:\.\d{1,2})*[.、．]?(?=\p{Script=Han}))\s*/u;

export type ImportResult = { ok: true; rubric: Rubric; rules: number; computable: number } | { ok: false; message: string };

/** "Sheet1!D7", "第 2 页 表 1 第 7 行", "表 1 第 7 行", "第 12 行". */
export function locationText(location: DocumentLocation): string {
  if (location.sheet && location.cell) return `${location.sheet}!${location.cell}`;
  const page = location.page ? `第 ${location.page} 页 ` : '';
  if (location.table && location.row) return `${page}表 ${location.table} 第 ${location.row} 行`;
  if (location.line) return `${page}第 ${location.line} 行`;
  return page.trim() || '位置不详';
}

function cleanName(raw: string): { name: string; weight: number | null } {
  const weight = WEIGHT_IN_NAME.exec(raw);
  const name = raw.replace(WEIGHT_IN_NAME, '').replace(NUMBERING, '').replace(/[：:]$/u, '').trim();
  return { name, weight: weight ? Number(weight[1]) : null };
}

interface Draft {
  indicator: RubricIndicator;
  statedWeight: number | null; // from the 分值 cell or "投入（20分）"
}

function readTable(view: TableView, sourceId: string, drafts: Map<string, Draft>, roots: RubricIndicator[]): number {
  const columns = findTableColumns(view.texts);
  if (!columns || columns.levels.length === 0 || (columns.weight === null && columns.standard === null)) return 0;
  let rows = 0;
  let above: string[] = [];
  for (let r = columns.firstDataRow; r < view.texts.length; r += 1) {
    const texts = view.texts[r]!;
    if (texts.every((t) => t === '')) continue;
    const raw = columns.levels.map((c) => texts[c] ?? '');
    const deepest = raw.reduce((d, t, i) => (t !== '' ? i : d), -1);
    const levels = raw.map((t, i) => (t === '' && i < deepest ? (above[i] ?? '') : t));
    const names = levels.filter((n, i, all) => n !== '' && n !== all[i - 1]);
    if (names.length === 0 || TOTAL_ROW.test(names[0]!)) continue;
    above = levels;
    const weightText = columns.weight === null ? null : numberText(texts[columns.weight] ?? '');
    const standardText = columns.standard === null ? '' : (view.block.rows[r]?.[columns.standard]?.text ?? texts[columns.standard] ?? '').trim();
    let parent: Draft | undefined;
    names.forEach((rawName, depth) => {
      const { name, weight: titleWeight } = cleanName(rawName);
      if (name === '') return;
      const id = [...(parent ? [parent.indicator.id] : []), name].join('/');
      let draft = drafts.get(id);
      if (!draft) {
        draft = { indicator: { id, name, aliases: [], weight: 0, definition: '', sources: [{ id: sourceId, confidence: 'high' }], children: [] }, statedWeight: titleWeight };
        drafts.set(id, draft);
        (parent ? parent.indicator.children : roots).push(draft.indicator);
      }
      if (depth === names.length - 1) {
        if (weightText !== null) draft.statedWeight = Number(weightText);
        if (standardText !== '') {
          const cell = view.block.rows[r]?.[columns.standard!];
          const location = locationText(cell?.location ?? view.block.location);
          const rule = parseStandard(standardText);
          draft.indicator.rule = { ...rule, sources: [{ id: sourceId, confidence: 'high', note: location }], origin: { location, text: standardText } };
          draft.indicator.definition = standardText;
        }
        rows += 1;
      }
      parent = draft;
    });
  }
  return rows;
}

/** Parents without a stated weight get the sum of their children's. */
function settleWeights(indicator: RubricIndicator, drafts: Map<string, Draft>): void {
  indicator.children.forEach((c) => settleWeights(c, drafts));
  const stated = drafts.get(indicator.id)?.statedWeight ?? null;
  indicator.weight = stated ?? (indicator.children.length > 0 ? sum(indicator.children.map((c) => c.weight)).toNumber() : 0);
  if (stated === null && indicator.children.length === 0) indicator.weightKnown = false;
}

function countRules(indicators: readonly RubricIndicator[]): { rules: number; computable: number } {
  let rules = 0;
  let computable = 0;
  const visit = (i: RubricIndicator) => {
    if (i.rule) {
      rules += 1;
      if (i.rule.kind !== 'unknown') computable += 1;
    }
    i.children.forEach(visit);
  };
  indicators.forEach(visit);
  return { rules, computable };
}

/** The document's title: its first heading or paragraph, else a title row above the first table's header. */
function titleOf(document: Pick<Document, 'blocks'>, views: readonly TableView[]): string | null {
  const block = document.blocks.find((b) => b.kind !== 'table' && b.text.trim() !== '');
  if (block && block.kind !== 'table') return block.text.trim();
  for (const view of views) {
    const columns = findTableColumns(view.texts);
    if (!columns) continue;
    const above = view.texts.slice(0, columns.headerRow).flat().find((t) => t !== '');
    return above ?? null;
  }
  return null;
}

/** The 评分细则 tables of a document as a rubric. Never throws; a document without such a table is a Chinese message. */
export function importRubric(document: Pick<Document, 'name' | 'format' | 'blocks'>): ImportResult {
  const views = tableViews(document);
  if (views.length === 0) return { ok: false, message: `${document.name} 中没有表格，找不到指标体系或评分细则表。` };
  const sourceId = 'L1';
  const drafts = new Map<string, Draft>();
  const roots: RubricIndicator[] = [];
  const read = views.reduce((n, view) => n + readTable(view, sourceId, drafts, roots), 0);
  if (read === 0 || roots.length === 0) {
    const headers = views.flatMap((v) => v.texts.slice(0, 3).flat()).filter((t) => t !== '').slice(0, 12);
    return { ok: false, message: `${document.name} 的表格中没有找到指标列和分值或评分标准列（表头读到：${headers.join('、') || '无'}）。` };
  }
  roots.forEach((r) => settleWeights(r, drafts));
  const name = (titleOf(document, views) ?? basename(document.name, extname(document.name))).slice(0, 60);
  const total = sum(roots.map((r) => r.weight));
  const rubric = {
    id: `local-${basename(document.name, extname(document.name))}`,
    name,
    total: total.toNumber(),
    description: `由 ${document.name} 导入的本地评分细则：指标、分值和评分标准原文取自表格，能计算的评分标准已转为规则，其余为 unknown（保留原文）。`,
    sources: [{ id: sourceId, title: document.name }],
    indicators: roots,
  };
  const parsed = RubricSchema.safeParse(rubric);
  if (!parsed.success) return { ok: false, message: `由 ${document.name} 生成的评分细则不合格式：${parsed.error.issues[0]?.message ?? ''}` };
  return { ok: true, rubric: parsed.data, ...countRules(parsed.data.indicators) };
}

/** The rubric as a YAML file that `--rubric` loads. */
export function rubricYaml(rubric: Rubric, from: string): string {
  const header = [
    `# 本地评分细则，由 selfeval rubric import 从 ${from} 导入。`,
    '# 每条规则的 origin 记录评分标准原文及其所在单元格；kind: unknown 表示该标准无法自动计算（原文照录）。',
    `# 总分 ${plain(dec(rubric.total))} 分。字段说明见 src/model/rubric.ts（RubricSchema）。`,
    '',
  ].join('\n');
  return header + stringify(rubric, { lineWidth: 0 });
}
