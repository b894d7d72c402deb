import type { Finding, RelatedLine } from '../../model/index.js';
import { placeOf } from './place.js';

/** Places a grouped finding lists before "等共 N 处"; quoted lines a finding shows before "另有 N 行". */
export const SHOWN_PLACES = 5;
export const SHOWN_RELATED = 8;

/** Findings that say the same thing at several places: shown once, with their places. */
export interface FindingGroup {
  first: Finding; // the first in the sorted order: its message, facts and quotes are shown
  findings: Finding[]; // every finding of the group, in order (first included)
}

/** Line references inside a message ("而第 165 行写…") differ between copies of the same statement. */
const LINE_REFERENCE = /第 [\d、]+ 行/gu;

function keyOf(f: Finding): string {
  const name = f.indicatorId ? (f.sectionPath[f.sectionPath.length - 1] ?? '') : '';
  return [f.severity, f.ruleId, name, f.message.replace(LINE_REFERENCE, '第 # 行'), f.expected ?? '', f.actual ?? '', f.formula ?? ''].join('\u0000');
}

/**
 * Group findings of one rule with the same message, facts and indicator name (a report that states the same thing at
 * many places gets one entry, not one per place). Groups keep the order of their first finding; each finding is in
 * exactly one group. Linear in the number of findings.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = keyOf(f);
    const group = groups.get(key);
    if (group) group.findings.push(f);
    else groups.set(key, { first: f, findings: [f] });
  }
  return [...groups.values()];
}

/** "第 65 行", "第 65、296、527 行", "第 65、296、527、758、989 行等共 100 处"; table places joined with 、. */
export function groupPlaces(group: FindingGroup): string {
  return placesText(group.findings.map(placeOf));
}

/** Places as a person reads them: "第 65、296 行", at most SHOWN_PLACES of them, then "等共 N 处". */
export function placesText(all: readonly string[]): string {
  const places = [...new Set(all)];
  if (places.length === 1) return places[0]!;
  const shown = places.slice(0, SHOWN_PLACES);
  const lines = shown.map((p) => /^第 (\d+) 行$/u.exec(p)?.[1]);
  const text = lines.every((l) => l !== undefined) ? `第 ${lines.join('、')} 行` : shown.join('、');
  return places.length > SHOWN_PLACES ? `${text}等共 ${places.length} 处` : text;
}

/** The quoted lines a person reads: the first SHOWN_RELATED, and how many more there are (JSON keeps all). */
export function shownRelated(related: readonly RelatedLine[]): { shown: RelatedLine[]; more: number } {
  return { shown: related.slice(0, SHOWN_RELATED), more: Math.max(0, related.length - SHOWN_RELATED) };
}
