import { describe, expect, it } from 'vitest';
import { expectedScore } from '../../../src/rubric/standards/expected-score.js';
import { parseStandard } from '../../../src/rubric/standards/parse-standard.js';
import { rate } from './standard-table.js';

describe('standards that cannot be computed are unknown, never guessed', () => {
  it.each([
    '根据履职效果酌情评分',
    '视情况酌情扣分',
    '由评价组综合评定',
    '部门制定了相应的内控制度，且执行有效',
    '',
    '   ',
    '得分',
    '≥',
    '80%-90%',
    '财预〔2013〕53号',
  ])('“%s”', (text) => {
    const rule = parseStandard(text);
    expect(rule).toMatchObject({ kind: 'unknown', description: text.trim() });
    expect(expectedScore(rule, 5, rate('95'))).toMatchObject({ unknown: expect.any(String) });
  });

  it('never throws on odd input', () => {
    for (const text of ['(((', '得分=分值×', '每超扣分', '≥≥90%得得分', '\u0000', 'x'.repeat(5000)]) {
      expect(() => parseStandard(text)).not.toThrow();
    }
  });
});
