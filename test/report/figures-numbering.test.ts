import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/report/parse-document.js';
import { documentOf } from '../helpers/report-fixtures.js';

/** The numbering of a name in a 指标名称 cell ("2.预算编制规范性") is no figure; the numbers of the row still are. */
describe('figures of a table row with a numbered name', () => {
  it.each([['2.预算编制规范性'], ['2、预算编制规范性'], ['2．预算编制规范性']])('%s', (name) => {
    const table = [['指标名称', '分值', '得分', '评分说明'], [name, '5', '4', '完成率96%'], ['合计', '5', '4', '']];
    const parsed = parseDocument(documentOf([{ table }]));
    if (!parsed.ok) throw new Error('not parsed');
    const row = parsed.report.figures.filter((f) => f.line === 2).map((f) => `${f.value}${f.unit}`);
    expect(row).toEqual(['5', '4', '96%']); // not '2' first
  });
});
