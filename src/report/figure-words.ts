import type { Figure } from '../model/index.js';

/**
 * What a figure's own words say about it: a quantity or a date, a rate, a bound ("比率≤100%"), its subject without
 * time/owner words. Pure functions of one Figure, shared by every floor above
 * (a report's figures are found through report/query).
 */

/** Units that are dates or codes, not quantities. */
const NOT_QUANTITY_UNITS = new Set(['年', '月', '日']);

export function isQuantity(figure: Figure): boolean {
  return !NOT_QUANTITY_UNITS.has(figure.unit);
}

/** Is this a rate or ratio as written (unit % or a bare decimal after 比率/比例/率)? */
export function isRateFigure(figure: Figure): boolean {
  return figure.unit === '%' || (figure.unit === '' && /(?:率|比例|比率|比值)[≤≥<>]?$/u.test(figure.subject));
}

/** A figure written as a bound, e.g. "比率≤100%": the subject ends with ≤ / 不超过 … */
export function boundOf(figure: Figure): 'max' | 'min' | null {
  if (/(?:≤|<|不超过|不高于|不大于|以内)$/u.test(figure.subject)) return 'max';
  if (/(?:≥|>|不低于|不少于|不小于)$/u.test(figure.subject)) return 'min';
  return null;
}

const LEADING_QUALIFIERS = /^(?:\d{4}年度?|全年|本年度|本年|年度|今年|当年|我局|我单位|本单位|本部门|我部门|全市|我市|本市|全乐昌|目前|截至目前|共|合计)+/u;

/** Several rules take the core of the same figures' subjects: each subject done once (bounded). */
const coreSubjects = new Map<string, string>();
const MAX_CORE_SUBJECTS = 20_000;

/** A subject without leading time/owner words: "本年度我局预算资金支出率" → "预算资金支出率". */
export function coreSubject(subject: string): string {
  let core = coreSubjects.get(subject);
  if (core === undefined) {
    core = subject.replace(/[“”"'‘’]/gu, '').replace(/^[一二三四五六七八九十]+是/u, '').replace(LEADING_QUALIFIERS, '');
    if (coreSubjects.size >= MAX_CORE_SUBJECTS) coreSubjects.clear();
    coreSubjects.set(subject, core);
  }
  return core;
}

/** "65.02 万元" */
export function figureText(figure: Figure): string {
  return `${figure.value}${figure.unit === '' ? '' : ` ${figure.unit}`}`;
}
