import { describe, expect, it } from 'vitest';
import { parsedAs, rate, scoreOf } from './standard-table.js';

/**
 * A threshold with a decrement per point ("预算执行率100%得满分，每降低1%扣0.5分，扣完为止") is one rule, whatever words
 * state the threshold and the step: never a band at 100% and a band at 1%. The standards are built from the parts
 * below (threshold × step × 扣完为止 or not × separator); each must read as the same control-rate rule and score the
 * same measured values.
 */

interface Group {
  direction: 'under' | 'over';
  limit: number;
  thresholds: string[]; // `{L}` stands for the limit
  steps: string[]; // `{P}` stands for the points per step
  perPoint: number;
  weight: number;
  scores: [measured: string, expected: string][];
}

const GROUPS: Group[] = [
  {
    direction: 'under',
    limit: 100,
    thresholds: ['预算执行率{L}%得满分', '{L}%得满分', '预算执行率={L}%得满分', '完成率为{L}%的得满分', '执行率{L}%的，得满分', '达到{L}%的得满分', '执行率达到{L}%得满分', '≥{L}%得满分', '完成率≥{L}％的，得满分', '完成率{L}%的得满分'],
    steps: ['每降低1%扣{P}分', '每低1个百分点扣{P}分', '每下降1%扣{P}分', '每少1%扣{P}分', '每降低一个百分点扣{P}分', '每低1个点扣{P}分', '每降低1个百分点，扣{P}分'],
    perPoint: 0.5,
    weight: 10,
    // 98% → 10 − 2 × 0.5 = 9; above the threshold is full; the floor is 0 whether or not 扣完为止 is written
    scores: [['98', '9'], ['100', '10'], ['102.4', '10'], ['97.5', '8.75'], ['79', '0'], ['0', '0']],
  },
  {
    direction: 'under',
    limit: 100,
    thresholds: ['达到{L}%得满分', '{L}%得满分', '发放率{L}%得满分'],
    steps: ['每低1个百分点扣{P}分', '每降低1%扣{P}分'],
    perPoint: 0.2,
    weight: 5,
    scores: [['98', '4.6'], ['96.5', '4.3'], ['100', '5'], ['70', '0']],
  },
  {
    direction: 'under',
    limit: 95,
    thresholds: ['结案率≥{L}%得满分', '{L}%以上得满分', '不低于{L}%的得满分', '{L}%(含)以上得满分'],
    steps: ['每下降1%扣{P}分', '每降低1%扣{P}分', '每少1%扣{P}分'],
    perPoint: 1,
    weight: 20,
    scores: [['97.5', '20'], ['95', '20'], ['92', '17'], ['94.5', '19.5'], ['60', '0']],
  },
  {
    direction: 'over',
    limit: 5,
    thresholds: ['控制在{L}%以内得满分', '结转结余率≤{L}%得满分', '{L}%以内得满分', '不超过{L}%的得满分', '结转结余率{L}%以内的，得满分'],
    steps: ['每超出1%扣{P}分', '每超过1个百分点扣{P}分', '每增加1%扣{P}分', '每超1%扣{P}分', '每高出1个百分点扣{P}分'],
    perPoint: 0.5,
    weight: 5,
    scores: [['6', '4.5'], ['4', '5'], ['5', '5'], ['7.3', '3.85'], ['20', '0']],
  },
];

const TAILS = ['', '，扣完为止', '；扣完为止。', '，扣完为止，最低0分'];
const SEPARATORS = ['，', '；', '。'];

const fill = (template: string, g: Group) => template.replace('{L}', String(g.limit)).replace('{P}', String(g.perPoint));

const cases = GROUPS.flatMap((g) => g.thresholds.flatMap((threshold) => g.steps.flatMap((step) =>
  TAILS.flatMap((tail, i) => {
    const separator = SEPARATORS[i % SEPARATORS.length]!;
    return [[`${fill(threshold, g)}${separator}${fill(step, g)}${tail}`, g] as const];
  }))));

describe('threshold + decrement per point, in every phrasing', () => {
  it('builds enough phrasings to mean something', () => {
    expect(cases.length).toBeGreaterThan(200);
  });

  it.each(cases)('%s', (text, g) => {
    const rule = parsedAs(text, 'control-rate');
    expect([rule.limit, rule.perPoint, rule.direction]).toEqual([g.limit, g.perPoint, g.direction]);
    expect(g.scores.map(([measured]) => [measured, scoreOf(text, g.weight, rate(measured))])).toEqual(g.scores);
  });
});

describe('a band where the score is 0 outright, beside the step', () => {
  it.each([
    ['≥95%得满分；85%-95%每低1个百分点扣0.5分；<85%不得分', 10, [['96', '10'], ['90', '7.5'], ['85', '5'], ['84.9', '0']]],
    ['预算执行率100%得满分，每降低1%扣0.5分，低于80%不得分', 20, [['98', '19'], ['80', '10'], ['79.5', '0']]],
    ['执行率低于80%不得分；100%得满分，每降低1%扣0.5分', 20, [['90', '15'], ['79', '0']]],
    ['100%得满分；每降低1%扣0.5分；90%以下得0分', 10, [['95', '7.5'], ['90.5', '5.25'], ['90', '0']]],
    ['结转结余率≤5%得满分，每超过1个百分点扣1分，超过8%的不得分', 5, [['6', '4'], ['8', '2'], ['8.5', '0']]],
    ['预算执行率100%得满分，每降低1%扣0.5分，扣完为止，最低0分', 10, [['98', '9'], ['70', '0']]],
  ] as const)('%s', (text, weight, scores) => {
    parsedAs(text, 'control-rate');
    expect(scores.map(([measured]) => [measured, scoreOf(text, weight, rate(measured))])).toEqual(scores);
  });
});

describe('band standards stay bands', () => {
  it.each([
    ['≥95%得6分；85%（含）-95%得4分；<85%得0分', 6, [['88.3', '4'], ['96', '6'], ['80', '0']]],
    ['100%得4分；90%（含）-100%得3分；<90%得0分', 4, [['100', '4'], ['95', '3'], ['89', '0']]],
    ['满意度90%以上得满分，80%-90%得16分，80%以下得10分', 20, [['91.2', '20'], ['85', '16'], ['70', '10']]],
    ['合格率≥95%得10分；85%-95%得8分；<85%得5分', 10, [['98', '10'], ['90', '8']]],
    ['执行率100%得满分；95%（含）-100%得3分；低于95%不得分', 5, [['100', '5'], ['98', '3'], ['90', '0']]],
  ] as const)('%s', (text, weight, scores) => {
    parsedAs(text, 'score-bands');
    expect(scores.map(([measured]) => [measured, scoreOf(text, weight, rate(measured))])).toEqual(scores);
  });
});

describe('a step without a readable threshold is not computed', () => {
  it.each([
    '每降低1%扣0.5分，扣完为止',
    '执行率较高得满分，每降低1%扣0.5分',
    '根据执行情况得满分，每下降1个百分点扣1分',
  ])('%s → unknown, not bands', (text) => {
    parsedAs(text, 'unknown');
  });
});
