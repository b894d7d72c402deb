import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/model/decimal.js';
import type { Measured } from '../../../src/rubric/standards/expected-score.js';
import { parsedAs, scoreOf } from './standard-table.js';

const BOTH = '正向指标得分=权重×B/A，反向指标得分=权重×A/B，得分不得突破权重';
const target = (a: string, b: string, direction?: 'positive' | 'negative'): Measured => ({
  target: { target: dec(a), actual: dec(b), how: `A = ${a}，B = ${b}`, ...(direction ? { direction } : {}) },
});

describe('standard form: target ratio (B/A, A/B)', () => {
  it.each([
    [BOTH, 'by-target'],
    ['得分=权重×B/A（A为年度指标值，B为实际完成值），不超过权重', 'positive'],
    ['反向指标：得分=权重×A/B', 'negative'],
    ['得分=权重×实际完成值/年度指标值', 'positive'],
    ['达到目标值得满分，未达到按比例得分', 'by-target'],
  ])('%s → %s', (text, direction) => {
    expect(parsedAs(text, 'target-ratio').direction).toBe(direction);
  });

  it.each([
    [BOTH, 10, target('100', '95', 'positive'), '9.5'],
    [BOTH, 10, target('100', '120', 'positive'), '10'], // 不得突破权重
    [BOTH, 4, target('5', '8', 'negative'), '2.5'], // ≤5% target, 8% actual: 4 × 5/8
    [BOTH, 4, target('5', '4', 'negative'), '4'],
    ['得分=权重×B/A（A为年度指标值，B为实际完成值），不超过权重', 5, target('200', '150'), '3.75'],
    ['达到目标值得满分，未达到按比例得分', 10, target('95', '96', 'positive'), '10'],
    ['达到目标值得满分，未达到按比例得分', 10, target('90', '81', 'positive'), '9'],
  ])('%s, weight %s → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, measured)).toBe(expected);
  });

  it('by-target without a direction, or a missing value, is unknown', () => {
    expect(scoreOf(BOTH, 10, target('100', '95'))).toBe('unknown');
    expect(scoreOf(BOTH, 10, {})).toBe('unknown');
  });
});
