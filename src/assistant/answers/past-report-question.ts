import { differenceOf, type Computation } from '../../model/computation.js';
import { normalizeIndicatorName } from '../../rubric/normalize-indicator-name.js';
import { departmentOf } from '../../knowledge/past-report-facts.js';
import { indicatorInText } from '../indicator-lookup.js';
import type { AnswerContext } from './answer.js';
import type { PastReportPort } from './past-report-port.js';

/**
 * Which question about past reports a turn asks, if any: a past year's score ("去年政府采购执行率得了几分",
 * "乐昌市…局2024年政府采购执行率得了几分"), the change from last year ("比去年多扣了几分"), peers' wording
 * ("别的单位这项是怎么写的") or a year's deductions over many reports ("今年各单位哪些指标扣分最多").
 */
export type PastReportKind = 'score' | 'change' | 'peers' | 'ranking';

export interface PastReportQuestion {
  kind: PastReportKind;
  /** The department asked about (named in the question, else the loaded report's). */
  department: string | null;
  /** Whether the department was named in the question (not taken from the loaded report). */
  named: boolean;
  /** The year asked about, and how it was found. */
  year: number | null;
  yearFrom: 'question' | 'report' | 'store' | null;
  /** The indicator as stored in the past reports (null: the whole report / every indicator). */
  indicator: string | null;
  /** How the year was worked out ("2024 − 1 = 2023 年"), for the number guard. */
  computations: Computation[];
}

const RANKING_WHO = /(?:各|所有|全部|每个|哪些|多少)(?:个)?(?:单位|部门)|全(?:省|市|县|区)|这批|各地/u;
const RANKING_WHAT = /(?:哪些|哪个|什么)指标.{0,6}(?:扣分|失分|丢分)|(?:扣分|失分|丢分).{0,4}(?:最多|最常|最普遍|排名|排行)/u;
const PEERS_WHO = /(?:别的|其他|其它|兄弟|外|同类|同级)(?:的)?(?:单位|部门|局|县|市|区)|别人家?|人家/u;
const PEERS_WHAT = /怎么写|如何写|写的|写法|怎么说|怎么表述|怎样写|怎么描述|范例|例子|参考/u;
const CHANGE = /(?:比|较|和|跟|与)(?:去年|上年|上一年|前一年).{0,8}(?:多扣|少扣|多得|少得|多了|少了|变化|增加|减少|相比|差)|(?:多扣|少扣)了?(?:几|多少)分/u;
const SCORE = /得(?:了)?(?:几|多少)分|(?:几|多少)分|得分(?:是)?(?:多少|几)|得分情况|打了?(?:几|多少)分|评了?(?:几|多少)分|扣了?(?:几|多少)分/u;
const UNIT_WORD = /[\p{Script=Han}]{2,}(?:局|委员会|委|办公室|中心|院|所|站|队|馆|厅|部门|单位)/u;
const RELATIVE_YEAR: [RegExp, number][] = [[/前年/u, -2], [/去年|上年|上一年|前一年/u, -1], [/今年|本年|当年/u, 0]];

function kindOf(text: string): PastReportKind | null {
  if (RANKING_WHO.test(text) && RANKING_WHAT.test(text)) return 'ranking';
  if (PEERS_WHO.test(text) && PEERS_WHAT.test(text)) return 'peers';
  if (CHANGE.test(text)) return 'change';
  if (SCORE.test(text)) return 'score';
  return null;
}

/** The longest stored name whose canonical form the question contains. */
function longestIn(text: string, names: readonly string[]): string | null {
  const compact = normalizeIndicatorName(text)[0] ?? '';
  let best: { name: string; length: number } | null = null;
  for (const name of names) {
    for (const key of normalizeIndicatorName(name)) {
      if (key.length >= 2 && compact.includes(key) && (!best || key.length > best.length)) best = { name, length: key.length };
    }
  }
  return best?.name ?? null;
}

/** The indicator asked about, as the past reports name it: by its stored name, else through the rubric's and colloquial names. */
function indicatorOf(context: AnswerContext, text: string, names: readonly string[]): string | null {
  const stored = longestIn(text, names);
  if (stored) return stored;
  const known = indicatorInText(text, context.rubric, context.report);
  if (known) return longestIn(known, names) ?? names.find((n) => n.includes(known)) ?? null;
  // "这项" / "该指标": the indicator of the previous turn.
  if (/这项|该项|这个指标|该指标|这一项/u.test(text) && context.previous?.topic) return longestIn(context.previous.topic, names);
  if (/这项|该项|这个指标|该指标|这一项/u.test(text) && context.previous?.items[0]) return longestIn(context.previous.items[0], names);
  return null;
}

/** The past-report question in `context.question`, or null when the turn asks something else. */
export async function recognizePastReportQuestion(context: AnswerContext, past: PastReportPort): Promise<PastReportQuestion | null> {
  const text = context.question.replace(/\s+/gu, '');
  const kind = kindOf(text);
  if (!kind) return null;
  const explicitYear = /(20\d{2})\s*年/u.exec(text)?.[1];
  const relative = RELATIVE_YEAR.find(([pattern]) => pattern.test(text))?.[1];
  const report = context.report?.report ?? null;
  const departments = await past.departments(context.scope);
  const namedDepartment = longestIn(text, departments);
  // Questions about the loaded report itself ("为什么扣了2分", "今年得了几分") stay with the report's own answers.
  if (kind === 'score' && !namedDepartment && explicitYear === undefined && (relative === undefined || relative === 0)) return null;
  if (kind === 'change' && !report && !namedDepartment) return null;
  if (departments.length === 0 && (kind === 'score' || kind === 'change') && report === null) return null;
  const loadedDepartment = report ? departmentOf(report) : null;
  const department = namedDepartment ?? (kind === 'ranking' ? null : loadedDepartment);
  // Without a department (named, or the loaded report's) a score question is a rule question ("2024年执行率95%得几分"),
  // unless it names a unit the knowledge base does not hold ("某某局2024年…得了几分": say which ones it holds).
  if (!department && (kind === 'score' || kind === 'change') && !UNIT_WORD.test(text)) return null;
  if (kind === 'score' && report && !namedDepartment && explicitYear !== undefined && Number(explicitYear) === report.year) return null;
  // 今年 / 去年 count from the loaded report's year when it is the department asked about, else from the latest year
  // the knowledge base holds for it; a change compares "this year" with the year before.
  const fromReport = report?.year != null && (!namedDepartment || namedDepartment === loadedDepartment) ? report.year : null;
  // "比去年多扣了几分" compares this year with the one before: its 去年 names the comparison, not the year asked.
  const offset = kind === 'change' ? 0 : relative ?? 0;
  let year: number | null = null;
  let yearFrom: PastReportQuestion['yearFrom'] = null;
  const computations: Computation[] = [];
  const shifted = (base: number): number => {
    if (offset !== 0) computations.push(differenceOf({ value: base, unit: '年' }, { value: -offset, unit: '年' }));
    return base + offset;
  };
  if (explicitYear !== undefined) {
    year = Number(explicitYear);
    yearFrom = 'question';
  } else if (fromReport !== null) {
    year = shifted(fromReport);
    yearFrom = 'report';
  } else {
    const held = await past.reports({ scope: context.scope, ...(department ? { department } : {}) });
    const latest = held.map((r) => r.year).find((y): y is number => y !== null);
    if (latest !== undefined) {
      year = shifted(latest);
      yearFrom = 'store';
    }
  }
  const names = await past.indicatorNames(context.scope);
  if (kind === 'change' && year !== null) computations.push(differenceOf({ value: year, unit: '年' }, { value: 1, unit: '年' }));
  return { kind, department, named: namedDepartment !== null, year, yearFrom, indicator: indicatorOf(context, text, names), computations };
}
