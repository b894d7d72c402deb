import { dec, format } from '../../model/decimal.js';
import { differenceOf, percentOf, sumOf, type Computation } from '../../model/computation.js';
import type { ReportContext } from '../report-context.js';
import type { AskedSubject, Operation } from '../understand/understand-question.js';
import type { FigureEntry } from '../understand/report-vocabulary.js';
import type { Answer } from './answer.js';
import { lineQuote, valueText } from './report-figures.js';

interface ComputeRequest {
  operation: Operation;
  operands: AskedSubject[];
  direction: 'less' | 'more' | null;
}

const label = (e: FigureEntry) => `${e.topic} ${valueText(e.figure)}（第 ${e.figure.line} 行）`;

function sources(entries: readonly FigureEntry[]): string[] {
  const seen = new Set<number>();
  return entries.filter((e) => (seen.has(e.figure.line) ? false : (seen.add(e.figure.line), true))).map((e) => `- ${lineQuote(e.figure.line, e.sentence)}`);
}

/** A stated figure of the report that says the same as a computed result ("减少 23.72%"), for "与报告写的一致". */
function statedLike(context: ReportContext, entries: readonly FigureEntry[], computation: Computation): string {
  const lines = new Set(entries.map((e) => e.figure.line));
  const stated = context.report.figures.find((f) => lines.has(f.line) && f.unit === computation.unit && f.unit === '%' && /增|减|降|升|变/u.test(f.subject));
  if (!stated) return '';
  const same = dec(format(computation.result.replace(/^-/u, ''), stated.value.split('.')[1]?.length ?? 0)).eq(dec(stated.value));
  return same ? `与报告写的 ${valueText(stated)}一致。` : `报告写的是 ${valueText(stated)}（第 ${stated.line} 行），与计算结果不一致，请核对。`;
}

/** "基本支出占总支出的比例" / "比上年少了多少" / "超了多少" / "增长了百分之几" / "加起来": decimals, formula, both sources. */
export function computationText(context: ReportContext, request: ComputeRequest, answer: Answer): string[] {
  const entries = request.operands.map((o) => o.matches[0]?.entry).filter((e): e is FigureEntry => Boolean(e));
  if (entries.length < 2 && request.operation !== 'sum') return [];
  const units = new Set(entries.map((e) => e.figure.unit));
  const [a, b] = entries as [FigureEntry, FigureEntry];
  const lines: string[] = [];
  if (request.operation === 'share' || request.operation === 'rate') {
    if (units.size > 1) return [`${label(a)}和${label(b)}单位不同，不能直接相除。`];
    const share = percentOf({ value: a.figure.value, unit: a.figure.unit }, { value: b.figure.value, unit: b.figure.unit });
    if (!share) return [`${label(b)}为 0，无法计算比例。`];
    answer.computations.push(share);
    lines.push(
      request.operation === 'share'
        ? `${a.topic} ${valueText(a.figure)}占${b.topic} ${valueText(b.figure)}的 ${share.shown}（${share.expression}）。`
        : `${a.key}：${a.topic} ${valueText(a.figure)} ÷ ${b.topic} ${valueText(b.figure)}，即 ${share.expression}。`,
    );
  } else if (request.operation === 'sum') {
    if (units.size > 1) return [`这些数字单位不同（${[...units].join('、')}），不能直接相加。`];
    const total = sumOf(entries.map((e) => e.figure.value), a.figure.unit);
    answer.computations.push(total);
    lines.push(`${entries.map((e) => `${e.topic} ${valueText(e.figure)}`).join('、')}合计 ${total.shown}（${total.expression}）。`);
  } else {
    if (units.size > 1) return [`${label(a)}和${label(b)}单位不同，不能直接相减。`];
    const larger = dec(a.figure.value).gte(dec(b.figure.value)) ? a : b;
    const smaller = larger === a ? b : a;
    const gap = differenceOf({ value: larger.figure.value, unit: a.figure.unit }, { value: smaller.figure.value, unit: a.figure.unit });
    answer.computations.push(gap);
    const aIsLess = larger !== a && !dec(a.figure.value).eq(dec(b.figure.value));
    const word = dec(gap.result).isZero() ? '持平' : aIsLess ? '少' : '多';
    let sentence = `${a.topic} ${valueText(a.figure)}，比${b.topic} ${valueText(b.figure)}${word === '持平' ? '持平' : `${word} ${gap.shown}`}（${gap.expression}）。`;
    if (request.operation === 'growth') {
      const change = percentOf({ value: gap.result, unit: a.figure.unit }, { value: b.figure.value, unit: b.figure.unit });
      if (change) {
        answer.computations.push(change);
        sentence = `${a.topic} ${valueText(a.figure)}，比${b.topic} ${valueText(b.figure)}${aIsLess ? '下降' : '增长'} ${change.shown}（${gap.expression}；${change.expression}）。${statedLike(context, entries, change)}`;
      }
    }
    lines.push(sentence);
    if (request.direction && word !== '持平' && (request.direction === 'less') !== aIsLess && request.operation !== 'growth') {
      lines.push(`注意：不是${request.direction === 'less' ? '少了' : '多了'}，而是${word}了。`);
    }
  }
  lines.push('依据：', ...sources(entries));
  answer.memo.topic ??= request.operands[0]?.text;
  return lines;
}
