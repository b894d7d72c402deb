import { describe, expect, it } from 'vitest';
import { normalizeLine } from '../../src/report/normalize-line.js';
import { extractFigures } from '../../src/report/figures.js';

describe('normalizeLine: thousands separators', () => {
  it.each([
    ['部门收入合计1,256.30万元，其中', '部门收入合计1256.30万元，其中'],
    ['共5,120,300元', '共5120300元'],
    ['合计 1,198.40 万元', '合计1198.40万元'],
    ['第1,2,3项', '第1,2,3项'], // a list, not an amount
    ['2023,2024年', '2023,2024年'],
    ['12,34元', '12,34元'],
    ['1,2345元', '1,2345元'],
  ])('%s → %s', (raw, normalized) => {
    expect(normalizeLine(raw)).toBe(normalized);
  });

  it('an amount with separators is one figure, not two', () => {
    const text = normalizeLine('2025年支出合计1,198.40万元，其中基本支出856.20万元。');
    const figures = extractFigures([{ text, line: 1, endLine: 1, sectionPath: [], segments: [{ line: 1, offset: 0 }] }]);
    expect(figures.filter((f) => f.unit === '万元').map((f) => f.value)).toEqual(['1198.40', '856.20']);
  });
});
