import { Decimal } from 'decimal.js';

/**
 * The one place that owns decimal arithmetic for checks: money, rates, weights and scores.
 * Rounding is half-up. Tolerance policy: a stated value written with n decimals matches an exact value when the
 * exact value rounded half-up to n decimals equals it ("0.85" matches 17.40 ÷ 20.4 = 0.85294…).
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof Dec>;

export type DecimalInput = string | number | Dec;

/**
 * Decimals of the values a report repeats (weights and scores such as 3, 4, 100; rates; amounts) parsed once:
 * decimal.js values are immutable, so one instance serves every caller. Bounded: cleared when it grows large.
 */
const parsed = new Map<string | number, Dec>();
const MAX_PARSED = 10_000;

export function dec(value: DecimalInput): Dec {
  if (value instanceof Dec) return value;
  let found = parsed.get(value);
  if (!found) {
    found = new Dec(typeof value === 'number' ? String(value) : value);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(value, found);
  }
  return found;
}

const ZERO = new Dec(0);

export function sum(values: readonly DecimalInput[]): Dec {
  return values.reduce<Dec>((total, v) => total.plus(dec(v)), ZERO);
}

export function equal(a: DecimalInput, b: DecimalInput): boolean {
  return dec(a).eq(dec(b));
}

/** Number of decimals written in a stated value: "23.72" → 2, "100" → 0, 3.5 → 1. */
export function decimalsOf(stated: DecimalInput): number {
  if (stated instanceof Dec) return Math.max(0, stated.decimalPlaces());
  const text = String(stated).trim();
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

export function roundHalfUp(value: DecimalInput, decimals: number): Dec {
  return dec(value).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/** Tolerance policy: does the stated value equal the exact value rounded to the stated number of decimals? */
export function matchesStated(stated: DecimalInput, exact: DecimalInput): boolean {
  return roundHalfUp(exact, decimalsOf(stated)).eq(dec(stated));
}

/** Fixed-decimal text, half-up: format(0.852941, 2) → "0.85". */
export function format(value: DecimalInput, decimals: number): string {
  return roundHalfUp(value, decimals).toFixed(decimals);
}

/** Shortest plain text of an exact value (no exponent, trailing zeros dropped): 96 → "96", 2.50 → "2.5". */
export function plain(value: DecimalInput): string {
  const d = dec(value);
  return d.isInteger() ? d.toFixed(0) : d.toFixed();
}

/** Format an exact value the way a stated one is written (same number of decimals), at least `minimum` decimals. */
export function formatLike(stated: DecimalInput, exact: DecimalInput, minimum = 0): string {
  return format(exact, Math.max(decimalsOf(stated), minimum));
}

/** numerator ÷ denominator, or null when the denominator is zero. */
export function ratio(numerator: DecimalInput, denominator: DecimalInput): Dec | null {
  const d = dec(denominator);
  return d.isZero() ? null : dec(numerator).div(d);
}

/** numerator ÷ denominator × 100, or null when the denominator is zero. */
export function percent(numerator: DecimalInput, denominator: DecimalInput): Dec | null {
  return ratio(numerator, denominator)?.times(100) ?? null;
}

/** Signed change from previous to current in percent: (current − previous) ÷ previous × 100; null when previous is 0. */
export function changePercent(previous: DecimalInput, current: DecimalInput): Dec | null {
  return percent(dec(current).minus(dec(previous)), previous);
}

export type ChangeDirection = 'increase' | 'decrease';

const DECREASE = /减少|下降|降低|减小|缩减|回落|下滑/u;
const INCREASE = /增加|增长|上升|提高|增多|上涨|提升/u;

/** "减少" means a negative change; null when the words say neither. */
export function directionOf(words: string): ChangeDirection | null {
  if (DECREASE.test(words)) return 'decrease';
  if (INCREASE.test(words)) return 'increase';
  return null;
}

/** A stated magnitude with its direction word as a signed value: ("23.72", 'decrease') → −23.72. */
export function signed(magnitude: DecimalInput, direction: ChangeDirection): Dec {
  const m = dec(magnitude).abs();
  return direction === 'decrease' ? m.negated() : m;
}

/** Text for a signed percentage: −23.716… with 2 decimals → "−23.72%". */
export function formatPercent(value: DecimalInput, decimals: number): string {
  const text = format(value, decimals);
  return `${text.startsWith('-') ? `−${text.slice(1)}` : text}%`;
}
