import type { IndicatorNode, Paragraph, Report } from '../model/index.js';
import type { PastIndicatorFacts } from '../knowledge/past-reports.js';
import { normalizeIndicatorName } from '../rubric/normalize-indicator-name.js';
import { queryOf } from '../report/query/report-query.js';
import { findSection } from './find-section.js';

/**
 * What ties one of last year's problems to indicators and to this year's text: the indicators it names or whose
 * written reason it repeats, the same indicator in this year's report, and this year's paragraphs about it.
 */

/** Han characters a problem and a reason must share in one run to be about the same thing ("政府采购预算"). */
const SHARED_RUN = 6;
const MAX_INDICATORS = 3;

const compact = (text: string): string => text.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');

/** Length of the longest run of Han characters written in both texts. */
export function longestSharedRun(a: string, b: string): number {
  const x = [...a.replace(/[^\p{Script=Han}]+/gu, '|')];
  const y = [...b.replace(/[^\p{Script=Han}]+/gu, '|')];
  let best = 0;
  let previous = new Array<number>(y.length + 1).fill(0);
  for (let i = 1; i <= x.length; i += 1) {
    const row = new Array<number>(y.length + 1).fill(0);
    for (let j = 1; j <= y.length; j += 1) {
      if (x[i - 1] === y[j - 1] && x[i - 1] !== '|') {
        row[j] = previous[j - 1]! + 1;
        if (row[j]! > best) best = row[j]!;
      }
    }
    previous = row;
  }
  return best;
}

const lost = (row: { weight: number | null; score: number | null }): boolean => row.weight !== null && row.score !== null && row.score < row.weight;

/** Does `text` name the indicator (its name, 4 characters or more, in canonical form)? */
export function namesIndicator(text: string, name: string): boolean {
  const body = compact(text);
  return normalizeIndicatorName(name).some((key) => key.length >= 4 && body.includes(key));
}

/**
 * Last year's indicators a problem is about: those it names, and those that lost points whose written reason it
 * repeats. Deducted ones first; at most three.
 */
export function indicatorsOfProblem(problem: string, rows: readonly PastIndicatorFacts[]): PastIndicatorFacts[] {
  const found = rows.filter((row) => namesIndicator(problem, row.name) || (lost(row) && longestSharedRun(problem, `${row.reason ?? ''}。${row.evidence ?? ''}`) >= SHARED_RUN));
  return [...found].sort((a, b) => Number(lost(b)) - Number(lost(a))).slice(0, MAX_INDICATORS);
}

/** This year's scored indicator with the same name (canonical forms shared). */
export function sameIndicator(report: Report, name: string): IndicatorNode | undefined {
  const keys = normalizeIndicatorName(name);
  return queryOf(report).leaves().find((n) => normalizeIndicatorName(n.name).some((k) => keys.includes(k)));
}

/** Words that say something was done about a problem. */
const DONE = /整改|落实|针对(?:上年|上一年|去年)|已(?:经)?(?:完成|建立|修订|制定|纠正|调整|解决|提前|按|将|对|把|全部|规范|补齐|健全)|加以改进|得到改善|有所改善/u;

export interface ThisYearPassage {
  paragraph: Paragraph;
  /** 'action': a sentence saying something was done; 'repeated': this year's 存在问题 writes it again. */
  kind: 'action' | 'repeated';
}

/**
 * This year's paragraphs about a problem: sentences outside this year's 存在问题 that say something was done and
 * share a run with the problem (or name one of its indicators), and this year's 存在问题 paragraphs that write it again.
 */
export function thisYearPassages(report: Report, problem: string, indicatorNames: readonly string[]): ThisYearPassage[] {
  const problems = findSection(report.sections, /存在(?:的)?问题/u);
  const inProblems = (p: Paragraph) => problems !== undefined && p.line > problems.line && p.line <= problems.endLine;
  const about = (p: Paragraph, run: number) => longestSharedRun(p.text, problem) >= run || indicatorNames.some((name) => namesIndicator(p.text, name));
  const out: ThisYearPassage[] = [];
  for (const paragraph of report.paragraphs) {
    if (paragraph.text.trim() === '' || paragraph.cells) continue;
    if (inProblems(paragraph)) {
      if (about(paragraph, SHARED_RUN + 2)) out.push({ paragraph, kind: 'repeated' });
    } else if (DONE.test(paragraph.text) && about(paragraph, SHARED_RUN)) {
      out.push({ paragraph, kind: 'action' });
    }
  }
  return out.slice(0, 3);
}
