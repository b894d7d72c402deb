import { describe, expect, it } from 'vitest';
import { readReportBytes } from '../../src/report/parse-report.js';
import { queryOf } from '../../src/report/query/report-query.js';
import { REPORT_SHAPES, shapeFile } from '../helpers/report-shapes.js';
import { reportOf } from './read-as.js';

/**
 * The six report shapes of the precision suite (test/helpers/report-shapes.ts), in every format each is made in, as
 * recognition reads them: the stated number of indicators (no footer or total row among them), the stated total, the
 * adjustments, and every table row's stated value read from its own cell.
 */
const cases = REPORT_SHAPES.flatMap((shape) => shape.formats.map((format) => [`${shape.name} .${format}`, shape, format] as const));

describe('the report shapes, as recognition reads them', () => {
  it.each(cases)('%s', async (_name, shape, format) => {
    const file = await shapeFile(shape, shape.items, format);
    const report = reportOf(await readReportBytes(file.name, file.bytes));
    const q = queryOf(report);
    expect(q.leaves()).toHaveLength(shape.stated.indicators);
    expect(q.leaves().every((leaf) => !/^(?:无|总分|合计)$|原因分析|改进措施/u.test(leaf.name))).toBe(true);
    expect(report.statedTotals.length).toBeGreaterThan(0);
    expect(new Set(report.statedTotals.map((t) => String(t.value)))).toEqual(new Set([shape.stated.total]));
    // No number of a standard is a stated value.
    for (const leaf of q.leaves()) {
      if (!leaf.standardSource || leaf.standardSource.from !== 'standard-column') continue;
      expect(leaf.actual?.figureId === undefined || q.figureById(leaf.actual.figureId)?.role === 'actual').toBe(true);
    }
    expect(q.figuresWithRole('threshold').every((f) => !f.value.startsWith('-'))).toBe(true);
  });

  it.each(cases.filter(([, shape]) => shape.name.startsWith('标准分')))('%s: 加分项 and 扣分项 are both kept', async (_name, shape, format) => {
    const file = await shapeFile(shape, shape.items, format);
    const report = reportOf(await readReportBytes(file.name, file.bytes));
    expect(report.adjustments?.map((a) => a.score)).toEqual([2, -1]);
    expect(report.bonus?.score).toBe(1);
  });

  it.each(cases.filter(([, shape]) => /全国|地方目标/u.test(shape.name)))('%s: every target-form row has its target and actual from their columns', async (_name, shape, format) => {
    const file = await shapeFile(shape, shape.items, format);
    const q = queryOf(reportOf(await readReportBytes(file.name, file.bytes)));
    for (const leaf of q.leaves()) {
      if (leaf.name === '预算执行率') {
        expect(leaf.actual?.from).toBe('budget-row');
        continue;
      }
      expect([leaf.name, leaf.target?.from, leaf.actual?.from]).toEqual([leaf.name, 'target-column', 'actual-column']);
      expect(leaf.actual?.value).not.toBeNull();
    }
  });
});
