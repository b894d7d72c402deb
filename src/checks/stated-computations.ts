import type { Paragraph, Report } from '../model/index.js';
import { lineAtOffset, segmentAtOffset } from '../report/paragraph-lines.js';
import { queryOf } from '../report/query/report-query.js';
import { dec, type Dec } from '../model/decimal.js';

/**
 * A computation the report writes out with its result: "30÷32×100%＝93.75%", "（693.56）-（597.85）=95.71 万元",
 * or a rate followed by its parts in brackets: "结转结余率为 3.89%（26.99 万元÷693.56 万元）".
 */
export interface StatedComputation {
  expression: string; // as written: "26.99万元÷693.56万元"
  result: { value: string; unit: string }; // as written: { value: "3.89", unit: "%" }
  exact: Dec; // the expression's value, in the result's unit (× 100 when the result is a percent of a plain quotient)
  line: number;
  column: number;
  text: string; // the whole statement as written
}

const UNIT = String.raw`(?:万元|亿元|元|万人|人次|人|个|项|次|户|家|名|件|台|套|平方米|公里|吨|天|%)?`;
const NUMBER = String.raw`\d+(?:\.\d+)?`;
const TERM = String.raw`[（(]?\s*${NUMBER}\s*${UNIT}\s*[）)]?`;
const OPERATOR = String.raw`\s*[+\-−×xX*÷/]\s*`;
const EXPRESSION = String.raw`[（(]?${TERM}(?:${OPERATOR}${TERM})+[）)]?(?:\s*[×xX*]\s*100\s*%)?`;
const EQUALS = String.raw`\s*[=＝]\s*`;
const RESULT = String.raw`(-?${NUMBER})\s*(万元|亿元|元|万人|人次|人|个|项|次|户|家|名|件|台|套|平方米|公里|吨|天|%)?`;

/** "expression = result" */
const FORWARD = new RegExp(`(${EXPRESSION})${EQUALS}${RESULT}`, 'gu');
/** "3.89%（26.99 万元÷693.56 万元）" */
const BRACKETED = new RegExp(`(?<![\\d.])${RESULT}\\s*[（(]((?:${TERM})(?:${OPERATOR}${TERM})+(?:\\s*[×xX*]\\s*100\\s*%)?)[）)]`, 'gu');

type Token = { kind: 'number'; value: Dec } | { kind: 'op'; op: string } | { kind: 'open' } | { kind: 'close' };

function tokens(expression: string): Token[] | null {
  const out: Token[] = [];
  // "100%-58.48%=41.52%": every term a percent → compute in percentage points; "6×58.48%": a percent of a number.
  const terms = [...expression.matchAll(new RegExp(`${NUMBER}\\s*(%)?`, 'gu'))];
  const allPercent = terms.length > 0 && terms.every((t) => t[1] === '%');
  const re = new RegExp(String.raw`\s*(?:(${NUMBER})\s*${UNIT.replace('(?:', '(').replace(')?', ')?')}|([+\-−×xX*÷/])|([（(])|([）)]))`, 'uy');
  let at = 0;
  while (at < expression.length) {
    re.lastIndex = at;
    const m = re.exec(expression);
    if (!m || m[0].length === 0) return null;
    if (m[1] !== undefined) out.push({ kind: 'number', value: m[2] === '%' && !allPercent ? dec(m[1]).div(100) : dec(m[1]) });
    else if (m[3] !== undefined) out.push({ kind: 'op', op: m[3] === '−' ? '-' : /[×xX*]/u.test(m[3]) ? '×' : m[3] === '/' ? '÷' : m[3] });
    else if (m[4] !== undefined) out.push({ kind: 'open' });
    else out.push({ kind: 'close' });
    at = re.lastIndex;
  }
  return out;
}

/** Recursive descent: sum of products, brackets; null on a malformed expression or a division by zero. */
function evaluate(list: Token[]): Dec | null {
  let i = 0;
  const primary = (): Dec | null => {
    const t = list[i];
    if (!t) return null;
    if (t.kind === 'number') { i += 1; return t.value; }
    if (t.kind === 'open') {
      i += 1;
      const inner = sumOf();
      if (inner === null || list[i]?.kind !== 'close') return null;
      i += 1;
      return inner;
    }
    return null;
  };
  const productOf = (): Dec | null => {
    let value = primary();
    while (value !== null && list[i]?.kind === 'op' && ['×', '÷'].includes((list[i] as { op: string }).op)) {
      const op = (list[i] as { op: string }).op;
      i += 1;
      const right = primary();
      if (right === null || (op === '÷' && right.isZero())) return null;
      value = op === '×' ? value.times(right) : value.div(right);
    }
    return value;
  };
  const sumOf = (): Dec | null => {
    let value = productOf();
    while (value !== null && list[i]?.kind === 'op' && ['+', '-'].includes((list[i] as { op: string }).op)) {
      const op = (list[i] as { op: string }).op;
      i += 1;
      const right = productOf();
      if (right === null) return null;
      value = op === '+' ? value.plus(right) : value.minus(right);
    }
    return value;
  };
  const value = sumOf();
  return value !== null && i === list.length ? value : null;
}

/** Not arithmetic: dates (2024-12-31, 2024/12/31), ranges of percents (80%-90%), codes (GB/T 2260-2007), 3/4 fractions of years. */
function looksLikeArithmetic(expression: string, bracketed: boolean): boolean {
  if (/\d{4}\s*[-/]\s*\d{1,2}(?:\s*[-/]\s*\d{1,2})?/u.test(expression) && !/[×÷*]/u.test(expression)) return false;
  if (bracketed && /%\s*[-−]\s*\d+(?:\.\d+)?\s*%/u.test(expression)) return false;
  return /[+\-−×xX*÷/]/u.test(expression.replace(/[×xX*]\s*100\s*%$/u, '').replace(/^\s*[（(]|[）)]\s*$/gu, ''));
}

function exactFor(expression: string, resultUnit: string): Dec | null {
  const times100 = /[×xX*]\s*100\s*%\s*[）)]?$/u.test(expression);
  const body = times100 ? expression.replace(/\s*[×xX*]\s*100\s*%(\s*[）)]?)$/u, '$1') : expression;
  const list = tokens(body);
  if (!list) return null;
  const value = evaluate(list);
  if (value === null) return null;
  if (times100) return value.times(100);
  const quotient = /[÷/]/u.test(body) && !/[+\-−]/u.test(body);
  return resultUnit === '%' && quotient ? value.times(100) : value;
}

function statement(paragraph: Paragraph, at: number, text: string, expression: string, value: string, unit: string | undefined, bracketed = false): StatedComputation | null {
  if (!looksLikeArithmetic(expression, bracketed)) return null;
  const exact = exactFor(expression, unit ?? '');
  if (exact === null) return null;
  const segment = segmentAtOffset(paragraph, at);
  return { expression: expression.trim(), result: { value, unit: unit ?? '' }, exact, line: lineAtOffset(paragraph, at), column: at - segment.offset + 1, text };
}

/** Every stated computation with its result, in reading order. */
export function findStatedComputations(report: Report): StatedComputation[] {
  return [...queryOf(report).memo(STATED_COMPUTATIONS, report, () => statedComputations(report))];
}

/** Found once per report (ReportQuery memo): several rules ask for them. */
const STATED_COMPUTATIONS = {};

function statedComputations(report: Pick<Report, 'paragraphs'>): StatedComputation[] {
  const found: StatedComputation[] = [];
  for (const paragraph of report.paragraphs) {
    // Cheap tests first: FORWARD needs an equals sign, BRACKETED an operator inside brackets.
    if (/[=＝]/u.test(paragraph.text)) {
      for (const m of paragraph.text.matchAll(FORWARD)) {
        const s = statement(paragraph, m.index, m[0], m[1]!, m[2]!, m[3]);
        if (s) found.push(s);
      }
    }
    if (!/[（(]/u.test(paragraph.text) || !/[+\-−×xX*÷/]/u.test(paragraph.text)) continue;
    for (const m of paragraph.text.matchAll(BRACKETED)) {
      const s = statement(paragraph, m.index, m[0], m[3]!, m[1]!, m[2], true);
      if (s) found.push(s);
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}
