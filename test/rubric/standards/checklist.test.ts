import { describe, expect, it } from 'vitest';
import { expectedScore } from '../../../src/rubric/standards/expected-score.js';
import { parsedAs, scoreOf } from './standard-table.js';

describe('standard form: checklist points (countable)', () => {
  it.each([
    ['三个要点各1分', 3, 1],
    ['共3个评价要点，每个要点1分', 3, 1],
    ['以下两个要点各2分：制度健全；执行有效', 2, 2],
    ['每个要点0.5分', null, 0.5],
  ])('%s → %s items × %s', (text, items, perItem) => {
    expect(parsedAs(text, 'checklist')).toMatchObject({ items, perItem });
  });

  it('computable only with a count of points not met', () => {
    expect(scoreOf('三个要点各1分', 3, { count: { value: 1, how: '1 个要点未达到' } })).toBe('2');
    const result = expectedScore(parsedAs('三个要点各1分', 'checklist'), 3, {});
    expect(result).toMatchObject({ unknown: expect.stringContaining('无法计算') });
  });
});
