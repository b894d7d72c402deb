import { STATED_VALUE_ROLES, type Figure, type FigureRole, type Paragraph, type Report } from '../model/index.js';
import type { PlacedFigure } from '../report/query/report-query.js';
import { boundOf, isRateFigure } from '../report/figure-words.js';
import { queryOf } from '../report/query/report-query.js';

/** A rate or ratio the report states together with the two figures it is computed from. */
export interface RateStatement {
  stated: Figure; // "0.85", "100%", or a bound "≤100%"
  numerator: Figure;
  denominator: Figure;
  unit: '%' | 'ratio';
  bound: 'max' | 'min' | null;
  /** 'plan-actual': "预算X，实际支出Y，…执行率Z" read without a rubric's formula (a rubric formula, when there is one, decides). */
  from?: 'plan-actual';
}

const RATIO_SUBJECT = /(?:比率|比例|比值)[≤≥<>]?$/u;
const RATIO_WORD = /比率|比例|比值/u;
const DENOMINATOR_WORDS = /预算|编制|核定|计划|应|总额|所有|全部/u;
const COUNT_UNITS = new Set(['个', '项', '人', '名', '家', '件', '条', '次', '所', '户', '台', '套']);
/** What a rate can be computed from: the report's stated values and planned amounts — never a standard's threshold, a weight or a score. */
const PART_ROLES: ReadonlySet<FigureRole> = new Set([...STATED_VALUE_ROLES, 'target']);
const isPart = (f: PlacedFigure) => PART_ROLES.has(f.figure.role) && !isRateFigure(f.figure) && f.figure.unit !== '';

/** Statements found once per report (ReportQuery memo): several rules ask for them, each gets its own copy. */
const RATIO_STATEMENTS = {};
const COVERAGE_STATEMENTS = {};

/** "A 为 x，B 为 y，…的比率为 0.85" / "在编 12 人，编制 19 人，比率≤100%": the two nearest same-unit amounts before it. */
export function findRatioStatements(report: Report): RateStatement[] {
  return [...queryOf(report).memo(RATIO_STATEMENTS, report, () => ratioStatements(report))];
}

/** "办结率", "完成率", "到位率": the act a rate is named after (办结, 完成, 到位). */
const NAMED_RATE = /(\p{Script=Han}{2})率(?:为|是|达到|达)?$/u;
/** A paragraph that may state a named rate: "办结率96%", "完成率为105%". */
const NAMED_RATE_TEXT = /\p{Script=Han}{2}率(?:为|是|达到|达)?\s*\d/u;
/** The planned or total amount a named rate is taken of: "计划抽检1200批次", "应到位12500万元". */
const PLANNED = /计划|应|预算|目标|任务|立案|受理|共|总/u;

/**
 * "立案查处案件150件，办结144件，办结率96%", "计划抽检1200批次，实际完成1260批次，完成率105%": a rate named after an act,
 * the amount that did it (its subject names the act) ÷ the amount before it in the same sentence (same unit).
 */
function namedRateStatement(figures: readonly PlacedFigure[], index: number, sentenceStart: number): RateStatement | null {
  const stated = figures[index]!.figure;
  const act = stated.unit === '%' && boundOf(stated) === null && stated.role !== 'threshold' && stated.role !== 'target' ? NAMED_RATE.exec(stated.subject)?.[1] : undefined;
  if (!act) return null;
  const before = figures.slice(0, index).filter((f) => f.offset > sentenceStart && isPart(f));
  const n = before.map((f) => f.figure.subject.includes(act) && !PLANNED.test(f.figure.subject)).lastIndexOf(true);
  if (n < 1) return planActualStatement(stated, before);
  const numerator = before[n]!.figure;
  const denominator = before.slice(0, n).reverse().find((f) => f.figure.unit === numerator.unit)?.figure;
  if (!denominator) return null;
  return { stated, numerator, denominator, unit: '%', bound: null };
}

/** Rates that are what was done ÷ what was planned: 执行率, 到位率, 控制率 (在职 ÷ 编制) … */
const ACHIEVEMENT_RATE = /(?:执行|完成|到位|支出|控制|使用|拨付|办结|兑现)率(?:为|是|达到|达)?$/u;
/** The amount that was done: 实际支出, 实际采购金额, 在职人员, 实际到位 … */
const DONE_WORDS = /实际|已|完成|支出|决算|在职|实有|到位|执行|采购|拨付|办结|使用/u;

/**
 * "政府采购预算2,480,000.00元，实际采购金额2,356,800.00元，政府采购执行率95.03%": the two nearest amounts of one unit
 * before an achievement rate in its sentence, one planned (预算/编制/计划/应…), the other done — done ÷ planned.
 */
function planActualStatement(stated: Figure, before: readonly PlacedFigure[]): RateStatement | null {
  if (!ACHIEVEMENT_RATE.test(stated.subject)) return null;
  const pair = before.slice(-2);
  if (pair.length < 2 || pair[0]!.figure.unit !== pair[1]!.figure.unit) return null;
  const planned = pair.filter((f) => DENOMINATOR_WORDS.test(f.figure.subject));
  const done = pair.filter((f) => !DENOMINATOR_WORDS.test(f.figure.subject) && DONE_WORDS.test(f.figure.subject));
  if (planned.length !== 1 || done.length !== 1) return null;
  return { stated, numerator: done[0]!.figure, denominator: planned[0]!.figure, unit: '%', bound: null, from: 'plan-actual' };
}

/** Offset of the sentence end (。；！？) before `offset`, or −1. */
function sentenceStartOf(text: string, offset: number): number {
  const before = text.slice(0, offset);
  return Math.max(before.lastIndexOf('。'), before.lastIndexOf('；'), before.lastIndexOf('！'), before.lastIndexOf('？'));
}

function ratioStatements(report: Report): RateStatement[] {
  const found: RateStatement[] = [];
  for (const paragraph of report.paragraphs) {
    // A ratio figure's subject ends with 比率/比例/比值 (a table cell's subject may be its column header); a named rate with 率.
    const ratioWords = paragraph.table !== undefined || RATIO_WORD.test(paragraph.text);
    if (!ratioWords && !NAMED_RATE_TEXT.test(paragraph.text)) continue;
    const figures = queryOf(report).paragraphFigures(paragraph);
    figures.forEach(({ figure, offset }, index) => {
      if (!isRateFigure(figure)) return;
      const sentenceStart = sentenceStartOf(paragraph.text, offset);
      if (!RATIO_SUBJECT.test(figure.subject)) {
        const named = namedRateStatement(figures, index, sentenceStart);
        if (named) found.push(named);
        return;
      }
      if (!ratioWords) return;
      const before = figures.slice(0, index).filter((f) => f.offset > sentenceStart && isPart(f));
      const last = before[before.length - 1];
      if (!last) return;
      const pair = before.filter((f) => f.figure.unit === last.figure.unit).slice(-2);
      if (pair.length < 2) return;
      const [a, b] = [pair[0]!.figure, pair[1]!.figure];
      const aIsDenominator = DENOMINATOR_WORDS.test(a.subject) && !DENOMINATOR_WORDS.test(b.subject);
      const bIsDenominator = DENOMINATOR_WORDS.test(b.subject) && !DENOMINATOR_WORDS.test(a.subject);
      if (!aIsDenominator && !bIsDenominator) return;
      found.push({
        stated: figure,
        numerator: aIsDenominator ? b : a,
        denominator: aIsDenominator ? a : b,
        unit: figure.unit === '%' ? '%' : 'ratio',
        bound: boundOf(figure),
      });
    });
  }
  return found;
}

/** "共实施 7 个项目，其中设置了绩效目标的项目 7 个，绩效目标覆盖率为 100%": part ÷ total × 100%. */
export function findCoverageStatements(report: Report): RateStatement[] {
  return [...queryOf(report).memo(COVERAGE_STATEMENTS, report, () => coverageStatements(report))];
}

function coverageStatements(report: Report): RateStatement[] {
  const found: RateStatement[] = [];
  for (const paragraph of report.paragraphs) {
    if (!paragraph.table && !paragraph.text.includes('其中')) continue; // the part's subject starts with 其中
    const figures = queryOf(report).paragraphFigures(paragraph).map((f) => f.figure);
    figures.forEach((figure, index) => {
      if (figure.unit !== '%' || !/率$/u.test(figure.subject) || RATIO_SUBJECT.test(figure.subject) || boundOf(figure) !== null) return;
      const before = figures.slice(0, index).map((f) => (PART_ROLES.has(f.role) ? f : { ...f, unit: '' })); // a threshold is no part or total
      const partIndex = before.map((f) => COUNT_UNITS.has(f.unit) && /^其中/u.test(f.subject)).lastIndexOf(true);
      if (partIndex < 0) return;
      const part = before[partIndex]!;
      const total = before.slice(0, partIndex).reverse().find((f) => f.unit === part.unit && /共|总|合计|全部/u.test(f.subject));
      if (!total) return;
      found.push({ stated: figure, numerator: part, denominator: total, unit: '%', bound: null });
    });
  }
  return found;
}
