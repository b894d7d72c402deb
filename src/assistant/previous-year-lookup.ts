import type { Report } from '../model/index.js';
import type { SectionKind } from '../drafting/section-kinds.js';
import type { SectionDraft } from '../drafting/draft-source.js';
import { findPreviousYear, type PreviousYear, type PreviousYearStore } from '../drafting/previous-year.js';
import { lacksLastYearFigures } from '../drafting/finances.js';
import { departmentOf } from '../knowledge/past-report-facts.js';
import type { KnowledgeSearch } from './knowledge-port.js';
import type { QuotedPassage } from './guard/number-trace.js';

/**
 * Last year's report for a draft made in a conversation (chat, Slack, WeCom, the model's draft tool): the same lookup
 * as `selfeval draft` (drafting/previous-year.ts). A Slack/WeCom thread looks only in its own scope (SCOPES_FILE keeps
 * workspaces apart: what is ingested elsewhere, "past" included, is not theirs to see); the terminal chat (scope
 * "public") looks in "past", where `selfeval ingest 去年报告 --scope past` puts it, as the command line does.
 */

/** Where the command line's `selfeval draft` looks by default. */
export const PAST_SCOPE = 'past';

/** The knowledge base could not be read: 上年问题整改情况 cannot be drafted at all. */
export const RECTIFICATION_STORE_DOWN = '知识库暂时无法读取，找不到上年报告，“上年问题整改情况”要对照上年报告逐条起草，请稍后再试。';
/** The knowledge base could not be read: the other sections are drafted from this year's report alone. */
export const DRAFT_STORE_DOWN = '知识库暂时无法读取，以下草稿没有对照上年报告。';

export interface PreviousYearLookup {
  /** Undefined when the section does not use last year, or when the store could not be read. */
  previousYear?: PreviousYear;
  /** Set when the knowledge base could not be read (one Chinese sentence for the user). */
  failed: boolean;
}

/** Which sections read last year's report: 上年问题整改情况 always; 自评结论; 收支情况 when the report lacks 上年 totals. */
export function usesPreviousYear(section: SectionKind, report: Report): boolean {
  return section === '上年问题整改情况' || section === '自评结论' || (section === '部门整体收支情况' && lacksLastYearFigures(report.figures));
}

function storeOf(knowledge: KnowledgeSearch | null): PreviousYearStore | null {
  const past = knowledge?.past;
  const list = knowledge?.list;
  if (!past || !list) return null;
  return { reports: past.reports, indicators: past.indicators, list: (scope) => list(scope) };
}

/**
 * The department's previous-year report for `section`, looked up in the conversation's own scope ("past" for the
 * public terminal chat). Not found: the missing result (with the years held there), naming the scope to ingest into.
 * No knowledge base: missing for 上年问题整改情况, nothing otherwise.
 */
export async function lookUpPreviousYear(knowledge: KnowledgeSearch | null, scope: string, section: SectionKind, report: Report): Promise<PreviousYearLookup> {
  if (!usesPreviousYear(section, report)) return { failed: false };
  const target = scope === 'public' ? PAST_SCOPE : scope;
  const store = storeOf(knowledge);
  if (!store) {
    if (section !== '上年问题整改情况') return { failed: false };
    const department = departmentOf(report);
    return { failed: false, previousYear: { status: 'missing', scope: target, department, year: department && report.year !== null ? report.year : null, held: [] } };
  }
  try {
    return { failed: false, previousYear: await findPreviousYear(store, report, target) };
  } catch {
    return { failed: true };
  }
}

/** "（farm-2023.docx 表 1 第 10 行）", "表 1 第 6 行第 6 列" (source "place"): a place named as evidence, no passage. */
function isBarePlace(q: { source: string; quote: string }): boolean {
  if (q.source === 'place') return true;
  const text = q.quote.replace(/[（）()]/gu, '').trim();
  return text.startsWith(q.source) && !/[^\s\d表第行列页段!A-Z$]/u.test(text.slice(q.source.length));
}

/**
 * A draft's quoted passages of other documents, split: passages with words (shown as citations and evidence), and
 * bare places ("farm-2023.docx 表 1 第 6 行") that are only evidence for the guard, never shown as a source.
 */
export function quotedOf(draft: SectionDraft): { citations: QuotedPassage[]; places: { text: string; label: string }[] } {
  const citations: QuotedPassage[] = [];
  const places: { text: string; label: string }[] = [];
  const seen = new Set<string>();
  for (const q of draft.quoted ?? []) {
    const key = `${q.source}\n${q.line ?? ''}\n${q.quote}`;
    if (seen.has(key)) continue; // one passage quoted for two figures is one source
    seen.add(key);
    if (isBarePlace(q)) places.push({ text: q.quote, label: q.source });
    else citations.push({ source: q.source, quote: q.quote, ...(q.line !== undefined ? { line: q.line } : {}) });
  }
  return { citations, places };
}
