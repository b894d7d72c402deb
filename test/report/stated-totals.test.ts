import { describe, expect, it } from 'vitest';
import { extractStatedTotals } from '../../src/report/stated-totals.js';

const paragraph = (text: string) => ({ text, line: 1, endLine: 1, sectionPath: [], segments: [{ line: 1, offset: 0 }] });

describe('extractStatedTotals', () => {
  it.each([
    ['综上，我局2025年度部门整体支出绩效自评得分97.5分。', 97.5],
    ['部门整体支出绩效自评得分为99分', 99],
    ['本年度整体绩效总得分：92分', 92],
    ['自评结果为 99 分，等级为优', 99],
    ['经自评，综合得分88.5分', 88.5],
  ])('%s → %d', (text, value) => {
    expect(extractStatedTotals([paragraph(text)]).map((t) => t.value)).toEqual([value]);
  });

  it.each([['该指标自评得分5分。'], ['满意度得分9分，扣1分']])('an indicator score is not the total: %s', (text) => {
    expect(extractStatedTotals([paragraph(text)])).toEqual([]);
  });
});
