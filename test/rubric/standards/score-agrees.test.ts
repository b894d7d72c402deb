import { describe, expect, it } from 'vitest';
import { dec } from '../../../src/model/decimal.js';
import { scoreAgrees } from '../../../src/rubric/standards/expected-score.js';

/** A stated score follows an exact expected score when it is that score rounded or cut off at the stated places. */
describe('scoreAgrees', () => {
  const exact = (value: string) => ({ score: dec(value), formula: '' });
  it.each([
    ['8.675 written 8.68 (rounded half up)', '8.675', 8.68, true],
    ['8.675 written 8.67 (cut off at two places)', '8.675', 8.67, true],
    ['8.675 written 8.7 (rounded to one place)', '8.675', 8.7, true],
    ['8.675 written 8.6 (cut off at one place)', '8.675', 8.6, true],
    ['8.675 written 8.5', '8.675', 8.5, false],
    ['8.675 written 8.69 (rounded up past it)', '8.675', 8.69, false],
    ['9.5 written 9', '9.5', 9, false],
    ['14.4 written 14.4', '14.4', 14.4, true],
    ['4.52 written 4.8', '4.52', 4.8, false],
  ])('%s', (_name, expected, stated, agrees) => {
    expect(scoreAgrees(stated, exact(expected))).toBe(agrees);
  });
});
