import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/model/decimal.js';
import type { Measured } from '../../../src/rubric/standards/expected-score.js';
import { parsedAs, scoreOf } from './standard-table.js';

const TEXT = '无结余得3分；有结余但不超过上年结转得2分；超过上年结转得0分';
const balance = (remaining: string, lastYear: string): Measured => ({ balance: { remaining: dec(remaining), lastYear: dec(lastYear), how: `结余 ${remaining} 万元，上年结转 ${lastYear} 万元` } });

describe('standard form: three-level 结余 (carryover-balance)', () => {
  it.each([
    [TEXT, [3, 2, 0]],
    ['无结余的，得满分；有结余但未超过上年度结转的，得2分；结余超过上年度结转的，不得分', ['full', 2, 0]],
    ['没有结余得4分，有结余但不高于上年结余得2分，高于上年结余得0分', [4, 2, 0]],
  ])('%s', (text, [none, within, over]) => {
    expect(parsedAs(text, 'carryover-balance')).toMatchObject({ none, within, over });
  });

  it.each([
    [TEXT, 3, balance('0', '12.5'), '3'],
    [TEXT, 3, balance('8', '12.5'), '2'],
    [TEXT, 3, balance('12.5', '12.5'), '2'],
    [TEXT, 3, balance('20', '12.5'), '0'],
    ['无结余的，得满分；有结余但未超过上年度结转的，得2分；结余超过上年度结转的，不得分', 4, balance('0', '1'), '4'],
  ])('%s, weight %s → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, measured)).toBe(expected);
  });

  it('needs both figures: one alone is unknown', () => {
    expect(scoreOf(TEXT, 3, { rate: { value: dec(0), how: '结转结余率 0%' } })).toBe('unknown');
  });

  it('a 结余 text without 上年 levels is not this form', () => {
    expect(parsedAs('结转结余率≤10%得满分，每超1个百分点扣0.1分', 'control-rate').kind).toBe('control-rate');
  });
});
