import type { Figure } from '../model/index.js';
import { coreSubject } from '../report/figure-words.js';
import { changePercent, dec, format } from '../model/decimal.js';
import { percentOf, type Computation } from '../model/computation.js';
import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { causeOf, selfName } from './house-style.js';
import { placeQuotes, previousPlace } from './previous-year.js';

function money(figures: readonly Figure[], pattern: RegExp, exclude?: RegExp): Figure | undefined {
  return figures.find((f) => f.unit === '万元' && pattern.test(f.subject) && !(exclude?.test(f.subject) ?? false));
}

function yearOnYear(current: Figure, previous: Figure): Computation {
  const exact = changePercent(previous.value, current.value)!;
  const shown = `${format(exact.abs(), 2)}%`;
  return {
    expression: `(${current.value} − ${previous.value}) ÷ ${previous.value} × 100% = ${exact.isNegative() ? '−' : ''}${shown}`,
    result: exact.toFixed(),
    unit: '%',
    shown,
  };
}

/** The paragraph's own explanation of a change ("主要原因是……"). */
function causeOnLine(source: DraftSource, line: number): string | null {
  const paragraph = source.report.paragraphs.find((p) => p.line <= line && line <= p.endLine);
  return causeOf(paragraph?.text ?? null);
}

interface Collected {
  computations: Computation[];
  facts: string[];
  quoted?: NonNullable<SectionDraft['quoted']>;
}

/** A 上年 figure: written in this year's report, else last year's own figure from its stored report (with its place). */
interface LastYear {
  figure: Figure;
  /** "a-2023.txt 第 12 行" when taken from last year's report; absent when this year's report states it. */
  from?: string;
}

const INCOME = /总收入/u;
const SPENDING = /总支出/u;

/** Whether this year's report leaves out a 上年 total that last year's stored report could give. */
export function lacksLastYearFigures(figures: readonly Figure[]): boolean {
  const has = (pattern: RegExp) => money(figures, pattern, /上年/u) !== undefined;
  const hasLast = (pattern: RegExp) => money(figures, new RegExp(`上年.*${pattern.source}`, 'u')) !== undefined;
  return (has(INCOME) && !hasLast(INCOME)) || (has(SPENDING) && !hasLast(SPENDING));
}

/** This year's 上年 figure, else the same total in last year's report read again from the knowledge base. */
function lastYearOf(source: DraftSource, pattern: RegExp, out: Collected): LastYear | undefined {
  const stated = money(source.report.figures, new RegExp(`上年.*${pattern.source}`, 'u'));
  if (stated) return { figure: stated };
  const found = source.previousYear;
  const previous = found?.status === 'found' ? found.previous : undefined;
  const figure = previous?.report ? money(previous.report.figures, pattern, /上年/u) : undefined;
  if (!previous || !figure) return undefined;
  const from = previousPlace(previous, figure.line);
  (out.quoted ??= []).push({ source: previous.info.source, quote: previous.report!.lines[figure.line - 1] ?? '', line: figure.line }, ...placeQuotes(previous.info.source, from));
  return { figure, from };
}

/** "。上年总收入决算数 374.30 万元，与上年相比减少 23.72%，<cause>" — the comparison recomputed from both figures. */
function comparedWithLastYear(label: string, current: Figure, lastYear: LastYear, source: DraftSource, options: DraftOptions, out: Collected): string {
  const last = lastYear.figure;
  const change = yearOnYear(current, last);
  out.computations.push(change);
  out.facts.push(`上年${label} ${last.value} 万元（${lastYear.from ? `上年报告 ${lastYear.from}` : `第 ${last.line} 行`}）`);
  const direction = dec(current.value).lt(dec(last.value)) ? '减少' : '增加';
  const cause = options.shorter ? '' : `，${causeOnLine(source, current.line) ?? '原因需补充说明。'}`;
  const from = lastYear.from ? `（据上年报告 ${lastYear.from}）` : '';
  return `。上年${label} ${last.value} 万元${from}，与上年相比${direction} ${change.shown}${cause}`;
}

/** 部门整体收支情况: income and spending from the report's figures, with year-on-year change and shares recomputed. */
export function draftFinances(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const figures = source.report.figures;
  const computations: Computation[] = [];
  const facts: string[] = [];
  const collected: Collected = { computations, facts };
  const year = source.report.year ? `${source.report.year} 年度` : '本年度';
  const parts: string[] = [];

  const income = money(figures, INCOME, /上年/u);
  const incomeLast = income ? lastYearOf(source, INCOME, collected) : undefined;
  const appropriation = money(figures, /财政拨款收入/u, /上年/u);
  if (income) {
    facts.push(`总收入决算数 ${income.value} 万元（第 ${income.line} 行）`);
    let text = `${year}${selfName(source.report)}总收入决算数 ${income.value} 万元`;
    if (appropriation) {
      const share = percentOf({ value: appropriation.value }, { value: income.value })!;
      computations.push(share);
      const name = coreSubject(appropriation.subject).replace(/^其中/u, '');
      text += dec(appropriation.value).eq(dec(income.value)) ? `，全部为${name}` : `，其中${name} ${appropriation.value} 万元，占 ${share.shown}`;
    }
    if (incomeLast) text += comparedWithLastYear('总收入决算数', income, incomeLast, source, options, collected);
    parts.push(`1. 部门整体收入。${text.replace(/[，。]*$/u, '')}。`);
  }

  const spending = money(figures, SPENDING, /上年/u);
  const spendingLast = spending ? lastYearOf(source, SPENDING, collected) : undefined;
  const basic = money(figures, /基本支出/u);
  const project = money(figures, /项目支出/u);
  if (spending) {
    facts.push(`总支出决算数 ${spending.value} 万元（第 ${spending.line} 行）`);
    let text = `${year}总支出决算数 ${spending.value} 万元`;
    const shares = [basic, project].filter((f): f is Figure => f !== undefined).map((f) => {
      const share = percentOf({ value: f.value }, { value: spending.value })!;
      computations.push(share);
      facts.push(`${coreSubject(f.subject).replace(/^其中/u, '')} ${f.value} 万元（第 ${f.line} 行）`);
      return `${coreSubject(f.subject).replace(/^其中/u, '')} ${f.value} 万元，占 ${share.shown}`;
    });
    if (shares.length > 0) text += `，其中${shares.join('；')}`;
    if (spendingLast) text += comparedWithLastYear('总支出决算数', spending, spendingLast, source, options, collected);
    parts.push(`2. 部门整体支出情况。${text.replace(/[，。]*$/u, '')}。`);
  }
  if (parts.length === 0) {
    return {
      section: '部门整体收支情况',
      text: '报告中没有找到总收入、总支出决算数，无法起草本部分。请在“部门整体收支情况”中写明总收入和总支出决算数、构成及上年数。',
      computations,
      facts,
    };
  }
  return { section: '部门整体收支情况', text: parts.join('\n\n'), computations, facts, ...(collected.quoted ? { quoted: collected.quoted } : {}) };
}
