import { describe, expect, it } from 'vitest';
import type { Measured } from '../../../src/rubric/standards/expected-score.js';
import { parsedAs, scoreOf } from './standard-table.js';

const TEXT = '每出现一例不符合扣1分，扣完为止';
const count = (value: number): Measured => ({ count: { value, how: `发现 ${value} 例` } });

describe('standard form: per instance (countable)', () => {
  it.each([
    [TEXT, 1],
    ['每发现一处问题扣0.5分，扣完为止', 0.5],
    ['发现1次违规扣2分', 2],
    ['资金使用存在截留、挤占、挪用的，每一例扣1分', 1],
    ['每发现一项不合规扣0.5分', 0.5],
  ])('%s → %s per instance', (text, per) => {
    expect(parsedAs(text, 'per-instance').perInstance).toBe(per);
  });

  it.each([
    [TEXT, 4, count(0), '4'],
    [TEXT, 4, count(2), '2'],
    [TEXT, 4, count(6), '0'],
    ['每发现一处问题扣0.5分，扣完为止', 3, count(3), '1.5'],
  ])('%s, weight %s → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, measured)).toBe(expected);
  });

  it('without a stated count it is not computable, and says so', () => {
    expect(scoreOf(TEXT, 4, {})).toBe('unknown');
  });
});
