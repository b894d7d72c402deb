import { describe, expect, it } from 'vitest';
import { parsedAs, rate, scoreOf } from './standard-table.js';

describe('standard form: proportional', () => {
  it.each([
    '得分=分值×完成率',
    '得分＝分值×完成率',
    '得分=执行率×权重',
    '得分=分值×执行率（执行率=全年执行数÷全年预算数，得分不超过分值）',
    '按完成比例计算得分，满分为止',
    '按实际完成率计分',
    '预算执行率×该项分值',
    '实际完成率×该指标分值',
    '得分=执行率×分值，执行率低于60%不得分',
  ])('%s', (text) => {
    parsedAs(text, 'proportional');
  });

  it.each([
    ['得分=分值×完成率', 10, '76', '7.6'],
    ['得分=分值×完成率', 6, '58.48', '3.5088'],
    ['得分=分值×完成率', 5, '100', '5'],
    ['得分=分值×完成率', 5, '107.15', '5'], // capped at the weight
    ['得分=执行率×分值，执行率低于60%不得分', 10, '58', '0'], // the floor
    ['得分=执行率×分值，执行率低于60%不得分', 10, '65', '6.5'],
  ])('%s, weight %s, rate %s → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, rate(measured))).toBe(expected);
  });

  it('no rate, no score', () => {
    expect(scoreOf('得分=分值×完成率', 5, {})).toBe('unknown');
  });
});
