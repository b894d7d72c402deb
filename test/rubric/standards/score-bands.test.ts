import { describe, expect, it } from 'vitest';
import { parsedAs, rate, scoreOf } from './standard-table.js';

const FIVE = '≥90%得5分；80%（含）-90%得4分；70%（含）-80%得3分；60%（含）-70%得2分；<60%得0分';
const ADJUST = '=0得3分；0-10%（含）得2分；10-20%（含）得1分；20-30%（含）得0.5分；>30%得0分';

describe('standard form: bands (score-bands)', () => {
  it('reads bounds, 含 and open ends', () => {
    const rule = parsedAs(FIVE, 'score-bands');
    expect(rule.bands).toHaveLength(5);
    expect(rule.bands[1]).toMatchObject({ min: 80, max: 90, minInclusive: true, maxInclusive: false, score: 4 });
    expect(rule.bands[4]).toMatchObject({ min: null, max: 60, maxInclusive: false, score: 0 });
    const adjust = parsedAs(ADJUST, 'score-bands');
    expect(adjust.bands[0]).toMatchObject({ min: 0, max: 0, minInclusive: true, maxInclusive: true, score: 3 });
    expect(adjust.bands[1]).toMatchObject({ min: 0, max: 10, minInclusive: false, maxInclusive: true, score: 2 });
  });

  it.each([
    [FIVE, 5, '95', '5'], [FIVE, 5, '90', '5'], [FIVE, 5, '89.99', '4'], [FIVE, 5, '80', '4'],
    [FIVE, 5, '72.5', '3'], [FIVE, 5, '60', '2'], [FIVE, 5, '59.9', '0'],
    [ADJUST, 3, '0', '3'], [ADJUST, 3, '0.5', '2'], [ADJUST, 3, '10', '2'], [ADJUST, 3, '10.01', '1'],
    [ADJUST, 3, '30', '0.5'], [ADJUST, 3, '31', '0'],
    // variants: full-width, 得满分, 不得分, 以上/以下, comma before the score, Chinese punctuation
    ['≥90％，得满分；80％（含）—90％，得4分；低于80％不得分', 5, '85', '4'],
    ['≥90％，得满分；80％（含）—90％，得4分；低于80％不得分', 5, '92', '5'],
    ['≥90％，得满分；80％（含）—90％，得4分；低于80％不得分', 5, '79', '0'],
    ['执行率95%（含）以上的得3分；85%（含）至95%的得2分；85%以下的不得分', 3, '95', '3'],
    ['执行率95%（含）以上的得3分；85%（含）至95%的得2分；85%以下的不得分', 3, '90', '2'],
    ['大于等于98%得2分，大于等于90%小于98%得1分，小于90%得0分', 2, '91', '1'],
    ['100%得4分；90%-100%（不含）扣1分；90%以下扣4分', 4, '95', '3'],
    ['100%得4分；90%-100%（不含）扣1分；90%以下扣4分', 4, '100', '4'],
    ['满意度≥90%得满分，80%-90%得一半分，80%以下不得分', 5, '85', '2.5'], // a share of the weight
    ['≥95%得满分；85%（含）-95%得分值的60%；<85%不得分', 10, '90', '6'],
  ])('%s, weight %s, measured %s → %s', (text, weight, measured, expected) => {
    expect(scoreOf(text, weight, rate(measured))).toBe(expected);
  });

  it('a value on a boundary both bands claim allows either score', () => {
    expect(scoreOf('90%（含）以上得满分，80%（含）-90%得3分，80%以下不得分', 5, rate('80'))).toBe('0–3');
  });

  it('a value outside every band, or no value, is unknown', () => {
    expect(scoreOf('≥90%得5分；80%（含）-90%得4分', 5, rate('50'))).toBe('unknown');
    expect(scoreOf(FIVE, 5, {})).toBe('unknown');
  });

  it('a band whose score cannot be read makes the whole standard unknown (never the next band’s score)', () => {
    expect(scoreOf('≥90%得满分，80%-90%酌情得分，80%以下不得分', 5, rate('85'))).toBe('unknown');
  });

  it('one band says only what that band gives: inside it is computable, outside it is unknown', () => {
    expect(parsedAs('≥95%得满分', 'score-bands').bands).toHaveLength(1);
    expect(scoreOf('≥95%得满分', 20, rate('96'))).toBe('20');
    expect(scoreOf('≥95%得满分', 20, rate('90'))).toBe('unknown');
    expect(scoreOf('=100%得15分', 15, rate('100'))).toBe('15');
  });

  it('a score without a value condition is not a band', () => {
    expect(parsedAs('预算编制科学合理得5分', 'unknown').kind).toBe('unknown');
  });
});
