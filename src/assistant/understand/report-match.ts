import type { IndicatorNode } from '../../model/index.js';
import type { ReportVocabulary, SectionEntry } from './report-vocabulary.js';
import { bigramsOf, normalizeText, synonymExpansions, wordsOf } from './words.js';

/** An indicator of the report named in a question: by its name, most of its words, or the synonym table. */
export interface IndicatorMatch {
  node: IndicatorNode;
  how: string; // the words that matched, for the answer
  exact: boolean;
}

const compact = (text: string) => normalizeText(text).replace(/[\p{P}\p{S}]/gu, '');

/** Indicators of any level named in the text, longest name first; a block name inside a leaf name does not count. */
export function indicatorsIn(vocabulary: ReportVocabulary, text: string): IndicatorMatch[] {
  const question = compact(text);
  const exact: IndicatorMatch[] = [];
  for (const entry of vocabulary.indicators) {
    const key = entry.keys.filter((k) => k.length >= 2 && question.includes(k)).sort((a, b) => b.length - a.length)[0];
    if (key) exact.push({ node: entry.node, how: key, exact: true });
  }
  // Keep the longest names: "预算执行" inside "部门预算资金支出率" is not asked for when the leaf is.
  const longest = exact.filter((m) => !exact.some((o) => o !== m && o.how.length > m.how.length && o.how.includes(m.how)));
  if (longest.length > 0) return dedupe(longest);
  // Words: "采购执行率" → 政府采购执行率; "支出率" → 部门预算资金支出率 (via the synonym table too).
  const words = new Set([...wordsOf(text), ...synonymExpansions(text).flatMap((t) => [compact(t), ...wordsOf(t)])]);
  const expanded = new Set(synonymExpansions(text).map(compact));
  const scored: { node: IndicatorNode; score: number; how: string }[] = [];
  for (const entry of vocabulary.indicators) {
    if (entry.keys.some((k) => expanded.has(k))) {
      scored.push({ node: entry.node, score: 10, how: entry.keys[0]! });
      continue;
    }
    const hits = entry.words.filter((w) => w.length >= 2 && words.has(w) && !/^(?:预算|支出|资金|管理|情况|绩效|目标|项目)$/u.test(w));
    const covered = hits.reduce((n, w) => n + w.length, 0);
    if (hits.length > 0 && covered >= Math.min(4, entry.keys[0]!.length * 0.5)) scored.push({ node: entry.node, score: covered, how: hits.join('、') });
  }
  scored.sort((a, b) => b.score - a.score);
  const top = scored[0];
  if (!top) return typoMatches(vocabulary, text);
  return dedupe(scored.filter((s) => s.score >= top.score).map((s) => ({ node: s.node, how: s.how, exact: false })));
}

/** A name written with a typo ("资金管里" for 资金管理): most of the name's character pairs in the question. */
function typoMatches(vocabulary: ReportVocabulary, text: string): IndicatorMatch[] {
  const question = new Set(bigramsOf(text));
  let best: { entry: ReportVocabulary['indicators'][number]; share: number } | null = null;
  for (const entry of vocabulary.indicators) {
    const pairs = bigramsOf(entry.node.name);
    if (pairs.length < 2) continue;
    const share = pairs.filter((p) => question.has(p)).length / pairs.length;
    if (share >= 0.6 && (!best || share > best.share)) best = { entry, share };
  }
  return best ? [{ node: best.entry.node, how: best.entry.node.name, exact: false }] : [];
}

function dedupe(matches: IndicatorMatch[]): IndicatorMatch[] {
  const seen = new Set<string>();
  return matches.filter((m) => (seen.has(m.node.id) ? false : (seen.add(m.node.id), true)));
}

/** A section of the report named in the text: 存在问题, 相关建议, 主要绩效 … (its title, or most of its words). */
export function sectionIn(vocabulary: ReportVocabulary, text: string): SectionEntry | null {
  const question = compact(text);
  const byTitle = vocabulary.sections.filter((s) => s.key.length >= 2 && question.includes(s.key)).sort((a, b) => b.key.length - a.key.length)[0];
  if (byTitle) return byTitle;
  const words = new Set(wordsOf(text));
  let best: { entry: SectionEntry; covered: number } | null = null;
  for (const entry of vocabulary.sections) {
    const covered = entry.words.filter((w) => w.length >= 2 && words.has(w)).reduce((n, w) => n + w.length, 0);
    if (covered >= 2 && covered >= entry.key.length * 0.5 && (!best || covered > best.covered)) best = { entry, covered };
  }
  return best?.entry ?? null;
}
