import type { IndicatorNode, Rubric, RubricIndicator } from '../model/index.js';
import { rubricIndicatorsById } from '../rubric/match-rubric.js';
import { normalizeIndicatorName } from '../rubric/normalize-indicator-name.js';
import type { ReportContext } from './report-context.js';
import { loadDomainDictionary, type Synonym } from '../knowledge/domain-dictionary.js';
import { queryOf } from '../report/query/report-query.js';

/** How people say an indicator in conversation → the rubric's indicator name. */
const COLLOQUIAL: [RegExp, string][] = [
  [/支出率|执行进度|钱没花完|预算执行率|花钱进度/u, '部门预算资金支出率'],
  [/采购|买东西|购买|买设备/u, '政府采购执行率'],
  [/结转|结余/u, '结转结余率'],
  [/存量资金|国库集中支付/u, '国库集中支付结转结余存量资金效率性'],
  [/超编|编制数|在职人员|人员控制/u, '人员管理'],
  [/三公|公用经费|出差|接待|公车/u, '经济性'],
  [/固定资产/u, '固定资产利用率'],
  [/公开/u, '预决算信息公开性'],
  [/转移支付|资金下达/u, '资金下达合法性'],
  [/覆盖率/u, '绩效目标覆盖率'],
  [/加分|加减分/u, '加减分项'],
];

interface Named {
  name: string;
  keys: string[];
}

function rubricNames(rubric: Rubric): Named[] {
  return [...rubricIndicatorsById(rubric).values()].map((i) => ({
    name: i.name,
    keys: [i.name, ...i.aliases].flatMap(normalizeIndicatorName),
  }));
}

/**
 * The indicator a question is about, by its name as written in the rubric or report (longest match wins),
 * else by a colloquial word. Returns the rubric's name when known, else the report's.
 */
export function indicatorInText(text: string, rubric: Rubric, context?: ReportContext | null, useSynonyms = true): string | null {
  const compact = normalizeIndicatorName(text)[0] ?? '';
  // The report's own names first: on a tie ("在职人员控制率" is also an alias of a rubric item) the report's wins.
  const names: Named[] = [
    ...(context ? queryOf(context.report).indicators().map((n) => ({ name: n.name, keys: normalizeIndicatorName(n.name) })) : []),
    ...rubricNames(rubric),
  ];
  let best: { name: string; length: number } | null = null;
  for (const named of names) {
    for (const key of named.keys) {
      if (key.length >= 2 && compact.includes(key) && (!best || key.length > best.length)) best = { name: named.name, length: key.length };
    }
  }
  // A bare block name ("预算编制") inside a longer leaf name is not a match for the leaf; longest wins above.
  if (best) return best.name;
  for (const [pattern, name] of COLLOQUIAL) if (pattern.test(text)) return name;
  if (!useSynonyms) return null;
  // The knowledge base's synonym table (knowledge/dict/synonyms.yaml): "人超编" → 在职人员控制率 …
  for (const synonym of synonyms()) {
    if (!synonym.terms.some((t) => text.includes(t))) continue;
    for (const target of synonym.expandsTo) {
      const hit = indicatorInText(target, rubric, context, false);
      if (hit) return hit;
    }
  }
  return null;
}

let cachedSynonyms: Synonym[] | null = null;
function synonyms(): Synonym[] {
  cachedSynonyms ??= loadDomainDictionary().synonyms;
  return cachedSynonyms;
}

export interface ResolvedIndicator {
  name: string;
  node: IndicatorNode | null; // the report's indicator, when a report is loaded and mentions it
  rubric: RubricIndicator | null;
}

/** Find an indicator by name in the loaded report and in the rubric. */
export function resolveIndicator(name: string, rubric: Rubric, context?: ReportContext | null): ResolvedIndicator {
  const keys = new Set(normalizeIndicatorName(name));
  const hit = (candidates: string[]) => candidates.some((c) => normalizeIndicatorName(c).some((k) => keys.has(k)));
  const rubricIndicator = [...rubricIndicatorsById(rubric).values()].find((i) => hit([i.name, ...i.aliases])) ?? null;
  let node: IndicatorNode | null = null;
  if (context) {
    const all = queryOf(context.report).indicators();
    node =
      (rubricIndicator ? all.find((n) => n.rubricId === rubricIndicator.id) : undefined) ??
      all.find((n) => hit([n.name])) ??
      null;
  }
  return { name: rubricIndicator?.name ?? node?.name ?? name, node, rubric: rubricIndicator };
}
