import type { Figure, Paragraph, Report } from '../model/index.js';
import { boundOf, isRateFigure } from '../report/figure-words.js';
import { queryOf } from '../report/query/report-query.js';

/** A rate or ratio the report states together with the two figures it is computed from. */
export interface RateStatement {
  stated: Figure; // "0.85", "100%", or a bound "≤100%"
  numerator: Figure;
  denominator: Figure;
  unit: '%' | 'ratio';
  bound: 'max' | 'min' | null;
}

const RATIO_SUBJECT = /(?:比率|比例|比值)[≤≥<>]?$/u;
const RATIO_WORD = /比率|比例|比值/u;
const DENOMINATOR_WORDS = /预算|编制|核定|计划|应|总额|所有|全部/u;
const COUNT_UNITS = new Set(['个', '项', '人', '名', '家', '件', '条', '次', '所', '户', '台', '套']);
const SENTENCE_END = /[。；！？]/u;

/** Statements found once per report (ReportQuery memo): several rules ask for them, each gets its own copy. */
const RATIO_STATEMENTS = {};
const COVERAGE_STATEMENTS = {};

/** "A 为 x，B 为 y，…的比率为 0.85" / "在编 12 人，编制 19 人，比率≤100%": the two nearest same-unit amounts before it. */
export function findRatioStatements(report: Report): RateStatement[] {
  return [...queryOf(report).memo(RATIO_STATEMENTS, report, () => ratioStatements(report))];
}

function ratioStatements(report: Report): RateStatement[] {
  const found: RateStatement[] = [];
  for (const paragraph of report.paragraphs) {
    // A ratio figure's subject ends with one of these words (a table cell's subject may be its column header).
    if (!paragraph.table && !RATIO_WORD.test(paragraph.text)) continue;
    const figures = queryOf(report).paragraphFigures(paragraph);
    figures.forEach(({ figure, offset }, index) => {
      if (!isRateFigure(figure) || !RATIO_SUBJECT.test(figure.subject)) return;
      const sentenceStart = Math.max(...[-1, ...[...paragraph.text.slice(0, offset).matchAll(new RegExp(SENTENCE_END, 'gu'))].map((m) => m.index)]);
      const before = figures.slice(0, index).filter((f) => f.offset > sentenceStart && !isRateFigure(f.figure) && f.figure.unit !== '');
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
      const before = figures.slice(0, index);
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
