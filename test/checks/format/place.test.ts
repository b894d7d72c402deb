import { describe, expect, it } from 'vitest';
import { placeText } from '../../../src/checks/format/place.js';

describe('placeText: where a finding is, as a person finds it', () => {
  it.each([
    [undefined, 125, '第 125 行'],
    [{ line: 12 }, 12, '第 12 行'],
    [{ sheet: '自评表', cell: 'F9', row: 9, column: 6 }, 9, '自评表!F9'],
    [{ sheet: '自评表', row: 13 }, 13, '自评表 第 13 行'],
    [{ table: 1, row: 7, column: 6 }, 30, '表 1 第 7 行第 6 列'],
    [{ table: 2, row: 3 }, 30, '表 2 第 3 行'],
    [{ page: 3, line: 12 }, 40, '第 3 页第 12 行'],
    [{ page: 2, table: 1, row: 4 }, 40, '第 2 页 表 1 第 4 行'],
    [{ paragraph: 12 }, 14, '第 12 段'],
  ])('%j → %s', (location, line, text) => {
    expect(placeText(location, line)).toBe(text);
  });
});
