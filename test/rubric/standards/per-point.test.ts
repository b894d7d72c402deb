import { describe, expect, it } from 'vitest';
import { expectedScore } from '../../../src/rubric/standards/expected-score.js';
import { parsedAs, rate, scoreOf } from './standard-table.js';

const CONTROL = '≤100%得满分；每超1个百分点扣0.5分，扣完为止';
const CHANGE = '≤0得满分；>0时每超1个百分点扣0.5分，扣完为止';

describe('standard form: threshold + per point over (control-rate)', () => {
  it.each([
    [CONTROL, 100, 0.5, 'over'],
    [CHANGE, 0, 0.5, 'over'],
    ['≤100％得满分；每超1个百分点扣0.5分，扣完为止', 100, 0.5, 'over'], // full-width %
    ['在职人员控制率≤100%的，得满分；每超过1个百分点扣0.2分', 100, 0.2, 'over'], // 扣完为止 missing
    ['不超过100%得5分，每超出1个百分点扣1分，扣完为止', 100, 1, 'over'],
    ['“三公”经费变动率≤0，得满分；每增加一个百分点扣0.8分', 0, 0.8, 'over'], // Chinese numeral, 增加
    ['≥90%得满分，每低1个百分点扣0.2分，扣完为止', 90, 0.2, 'under'],
    ['达到95%得满分；每降低1个点扣0.5分', 95, 0.5, 'under'],
    ['超过100%的，每超1个百分点扣0.5分，扣完为止', 100, 0.5, 'over'], // the limit only in the condition
    ['低于90%时，每低1个百分点扣1分', 90, 1, 'under'],
  ])('%s → limit %s, %s per point, %s', (text, limit, perPoint, direction) => {
    const rule = parsedAs(text, 'control-rate');
    expect([rule.limit, rule.perPoint, rule.direction]).toEqual([limit, perPoint, direction]);
  });

  it('reads 每超N个百分点 as a step of N', () => {
    expect(parsedAs('≤100%得满分，每超2个百分点扣1分', 'control-rate').step).toBe(2);
    expect(scoreOf('≤100%得满分，每超2个百分点扣1分', 5, rate('103'))).toBe('3.5');
  });

  it.each([
    [CONTROL, 5, '98.5', '5'],
    [CONTROL, 5, '100', '5'],
    [CONTROL, 5, '103.2', '3.4'], // 3.2 points × 0.5 = 1.6
    [CONTROL, 5, '112', '0'], // 扣完为止
    [CONTROL, 2, '100.01', '1.995'],
    [CHANGE, 5, '-12.5', '5'],
    [CHANGE, 5, '0', '5'],
    [CHANGE, 5, '4', '3'],
    ['≥90%得满分，每低1个百分点扣0.2分，扣完为止', 3, '85', '2'],
    ['在职人员控制率≤100%的，得满分；每超过1个百分点扣0.2分', 2, '150', '0'], // floor at 0 without 扣完为止
  ])('%s, weight %s, measured %s%% → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, rate(measured))).toBe(expected);
  });

  it('says how: within the limit, or points over × per point', () => {
    const rule = parsedAs(CONTROL, 'control-rate');
    const within = expectedScore(rule, 5, rate('98.5'));
    expect('formula' in within && within.formula).toContain('≤ 100%，得满分 5 分');
    const over = expectedScore(rule, 5, rate('103.2'));
    expect('formula' in over && over.formula).toContain('超 3.2 个百分点 × 0.5 = 扣 1.6 分，应得 3.4 分');
  });

  it('a rate that was not measured is unknown, not guessed', () => {
    expect(scoreOf(CONTROL, 5, {})).toBe('unknown');
  });

  it('needs both a threshold and a step', () => {
    expect(parsedAs('每超1个百分点扣0.5分', 'unknown').kind).toBe('unknown');
  });
});
