import { dec, format, plain, type DecimalInput } from './decimal.js';

/**
 * A calculation made while answering or drafting, recorded so that the number guard accepts its result.
 * `result` is the exact decimal (no rounding); `shown` is how it is written in the text.
 */
export interface Computation {
  expression: string; // "65.02 ÷ 60.68 × 100% = 107.15%"
  result: string; // exact: "107.152274…" (decimal string)
  unit: string; // "%", "万元", "分", "个", ""
  shown: string; // "107.15%"
}

export interface Operand {
  value: DecimalInput;
  unit?: string;
}

const withUnit = (value: string, unit: string) => (unit === '' ? value : unit === '%' ? `${value}%` : `${value} ${unit}`);
const operandText = (o: Operand) => withUnit(plain(o.value), o.unit ?? '');

/** numerator ÷ denominator × 100%, shown with `decimals` decimals; null when the denominator is zero. */
export function percentOf(numerator: Operand, denominator: Operand, decimals = 2): Computation | null {
  const d = dec(denominator.value);
  if (d.isZero()) return null;
  const exact = dec(numerator.value).div(d).times(100);
  const shown = `${format(exact, decimals)}%`;
  return { expression: `${plain(numerator.value)} ÷ ${plain(denominator.value)} × 100% = ${shown}`, result: exact.toFixed(), unit: '%', shown };
}

/** a ÷ b as a ratio. */
export function ratioOf(numerator: Operand, denominator: Operand, decimals = 2): Computation | null {
  const d = dec(denominator.value);
  if (d.isZero()) return null;
  const exact = dec(numerator.value).div(d);
  const shown = format(exact, decimals);
  return { expression: `${plain(numerator.value)} ÷ ${plain(denominator.value)} = ${shown}`, result: exact.toFixed(), unit: '', shown };
}

/** Sum of terms that share one unit: "28 + 38 + 30 + 3 = 99". */
export function sumOf(terms: readonly DecimalInput[], unit: string): Computation {
  const total = terms.reduce<ReturnType<typeof dec>>((acc, t) => acc.plus(dec(t)), dec(0));
  const shown = withUnit(plain(total), unit);
  return { expression: `${terms.map((t) => plain(t)).join(' + ')} = ${shown}`, result: total.toFixed(), unit, shown };
}

/** a − b in one unit: "6 − 4 = 2 分". */
export function differenceOf(a: Operand, b: Operand): Computation {
  const unit = a.unit ?? '';
  const exact = dec(a.value).minus(dec(b.value));
  const shown = withUnit(plain(exact), unit);
  return { expression: `${operandText(a)} − ${operandText(b)} = ${shown}`, result: exact.toFixed(), unit, shown };
}

/** A count of things listed in the answer ("2 个指标"): recorded so the guard knows where the number came from. */
export function countOf(items: readonly unknown[], unit: string, what: string): Computation {
  const shown = withUnit(String(items.length), unit);
  return { expression: `${what}：共 ${shown}`, result: String(items.length), unit, shown };
}
