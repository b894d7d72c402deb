import { expect } from 'vitest';
import { dec } from '../../../src/model/decimal.js';
import type { DeductionRule } from '../../../src/model/index.js';
import { expectedScore, type ExpectedScore, type Measured } from '../../../src/rubric/standards/expected-score.js';
import { parseStandard } from '../../../src/rubric/standards/parse-standard.js';

/** A measured rate in percent. */
export function rate(value: string): Measured {
  return { rate: { value: dec(value), how: `完成值 ${value}%` } };
}

/** Parse a standard, expecting a rule of `kind`. */
export function parsedAs<K extends DeductionRule['kind']>(text: string, kind: K): Extract<DeductionRule, { kind: K }> {
  const rule = parseStandard(text);
  expect(rule.kind, text).toBe(kind);
  expect(rule.description).toBe(text.trim());
  return rule as Extract<DeductionRule, { kind: K }>;
}

/** The expected score as text ("3.4"), a range ("0–5") or "unknown". */
export function scoreText(result: ExpectedScore): string {
  if ('unknown' in result) return 'unknown';
  if ('range' in result) return `${result.range.min.toFixed()}–${result.range.max.toFixed()}`;
  return result.score.toFixed();
}

export function scoreOf(text: string, weight: number, measured: Measured): string {
  return scoreText(expectedScore(parseStandard(text), weight, measured));
}
