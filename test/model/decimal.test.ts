import { describe, expect, it } from 'vitest';
import {
  changePercent, dec, decimalsOf, directionOf, format, formatPercent, matchesStated, percent, plain, ratio, roundHalfUp, signed, sum,
} from '../../src/model/decimal.js';

describe('decimal policy', () => {
  it('adds money exactly where floats do not: 0.1 + 0.2 = 0.3, 231.11 + 54.42 = 285.53', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // the float trap this module exists for
    expect(sum(['0.1', '0.2']).eq('0.3')).toBe(true);
    expect(sum([0.1, 0.2]).eq(0.3)).toBe(true);
    expect(sum(['231.11', '54.42']).toFixed(2)).toBe('285.53');
    expect(plain(sum([5, 5, 4, 4, 2, 4, 4, 4, 3, 3, 0, 4, 4, 2, 5, 2, 2, 3, 2, 4, 6, 3, 3, 3, 10, 5]))).toBe('96');
  });

  it('rounds half-up, also on the float-unfriendly 1.005 and 2.675', () => {
    expect(roundHalfUp('1.005', 2).toFixed(2)).toBe('1.01');
    expect(roundHalfUp('2.675', 2).toFixed(2)).toBe('2.68');
    expect(roundHalfUp('0.125', 2).toFixed(2)).toBe('0.13');
    expect(roundHalfUp('-23.716', 2).toFixed(2)).toBe('-23.72');
    expect(format('3.5', 0)).toBe('4');
  });

  it('counts decimals as written', () => {
    expect(decimalsOf('23.72')).toBe(2);
    expect(decimalsOf('100')).toBe(0);
    expect(decimalsOf('0.0693')).toBe(4);
    expect(decimalsOf('17.40')).toBe(2);
  });

  it('matches a stated value when the exact value rounded to its decimals equals it', () => {
    expect(matchesStated('0.85', ratio('17.40', '20.4')!)).toBe(true); // 0.85294…
    expect(matchesStated('0.86', ratio('17.40', '20.4')!)).toBe(false);
    expect(matchesStated('107.15', percent('65.02', '60.68')!)).toBe(true); // 107.1522…
    expect(matchesStated('107.2', percent('65.02', '60.68')!)).toBe(true); // one decimal stated → one decimal compared
    expect(matchesStated('107', percent('65.02', '60.68')!)).toBe(true);
    expect(matchesStated('107.16', percent('65.02', '60.68')!)).toBe(false);
    expect(matchesStated('63.16', percent(12, 19)!)).toBe(true);
    expect(matchesStated('100', percent(7, 7)!)).toBe(true);
    expect(matchesStated('99', sum([96, 3]))).toBe(true);
  });

  it('treats 减少 as a negative change: 374.30 → 285.53 is 减少 23.72%', () => {
    const change = changePercent('374.30', '285.53')!;
    expect(change.isNegative()).toBe(true);
    expect(directionOf('收入决算数减少')).toBe('decrease');
    expect(directionOf('比上年增长')).toBe('increase');
    expect(directionOf('决算数')).toBeNull();
    expect(matchesStated(signed('23.72', 'decrease').toFixed(2), change)).toBe(true);
    expect(matchesStated(signed('23.72', 'increase').toFixed(2), change)).toBe(false);
    expect(formatPercent(change, 2)).toBe('−23.72%');
  });

  it('refuses to divide by zero instead of returning Infinity', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(percent('5', '0')).toBeNull();
    expect(changePercent(0, 5)).toBeNull();
    expect(dec('0.0693').lte('3.55')).toBe(true);
  });
});
