import type { Figure } from '../model/index.js';
import { coreSubject } from '../report/figure-words.js';
import { changePercent, dec, format } from '../model/decimal.js';
import { percentOf, type Computation } from '../model/computation.js';
import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { causeOf, selfName } from './house-style.js';

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
}

/** "。上年总收入决算数 374.30 万元，与上年相比减少 23.72%，<cause>" — the comparison recomputed from both figures. */
function comparedWithLastYear(label: string, current: Figure, last: Figure, source: DraftSource, options: DraftOptions, out: Collected): string {
  const change = yearOnYear(current, last);
  out.computations.push(change);
  out.facts.push(`上年${label} ${last.value} 万元（第 ${last.line} 行）`);
  const direction = dec(current.value).lt(dec(last.value)) ? '减少' : '增加';
  const cause = options.shorter ? '' : `，${causeOnLine(source, current.line) ?? '原因需补充说明。'}`;
  return `。上年${label} ${last.value} 万元，与上年相比${direction} ${change.shown}${cause}`;
}

/** 部门整体收支情况: income and spending from the report's figures, with year-on-year change and shares recomputed. */
export function draftFinances(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const figures = source.report.figures;
  const computations: Computation[] = [];
  const facts: string[] = [];
  const year = source.report.year ? `${source.report.year} 年度` : '本年度';
  const parts: string[] = [];

  const income = money(figures, /总收入/u, /上年/u);
  const incomeLast = money(figures, /上年.*总收入/u);
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
    if (incomeLast) text += comparedWithLastYear('总收入决算数', income, incomeLast, source, options, { computations, facts });
    parts.push(`1. 部门整体收入。${text.replace(/[，。]*$/u, '')}。`);
  }

  const spending = money(figures, /总支出/u, /上年/u);
  const spendingLast = money(figures, /上年.*总支出/u);
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
    if (spendingLast) text += comparedWithLastYear('总支出决算数', spending, spendingLast, source, options, { computations, facts });
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
  return { section: '部门整体收支情况', text: parts.join('\n\n'), computations, facts };
}
