import { describe, expect, it } from 'vitest';
import { findTableColumns, roleOfHeader } from '../../src/report/table-columns.js';

describe('findTableColumns: roles by header meaning', () => {
  it.each([
    ['自评得分', 'score'], ['得分', 'score'], ['评分', 'score'], ['实际得分', 'score'], ['自评\n得分（分）', 'score'],
    ['分值', 'weight'], ['权重', 'weight'], ['标准分', 'weight'], ['满分', 'weight'], ['指标分值', 'weight'],
    ['评分标准', 'standard'], ['评分依据', 'standard'], ['计分方法', 'standard'], ['评分办法', 'standard'], ['评分细则', 'standard'],
    ['扣分原因', 'reason'], ['得分说明', 'reason'], ['偏差说明', 'reason'], ['情况说明', 'reason'], ['偏差原因分析及改进措施', 'reason'], ['原因分析', 'reason'], ['说明', 'reason'],
    ['年度指标值', 'target'], ['目标值', 'target'], ['预期目标', 'target'],
    ['实际完成值', 'actual'], ['完成情况', 'actual'], ['实际完成', 'actual'],
    ['年初预算数', 'budgetInitial'], ['全年预算数（万元）', 'budgetFull'], ['全年执行数', 'budgetExecuted'], ['执行率', 'executionRate'],
    ['一级指标', 'level'], ['指标名称', 'level'],
  ])('%s → %s', (header, role) => {
    expect(roleOfHeader(header)?.role).toBe(role);
  });

  it('finds the header under a title row, the three levels in order and the other columns', () => {
    const rows = [
      ['2024年度某局部门整体支出绩效自评表', '', '', '', '', '', ''],
      ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
      ['投入', '预算编制', '预算编制科学性', '4', '…', '4', ''],
    ];
    expect(findTableColumns(rows)).toMatchObject({
      headerRow: 1, firstDataRow: 2, levels: [0, 1, 2], weight: 3, standard: 4, score: 5, reason: 6, missing: [],
    });
  });

  it('reads a two-row header (自评 over 得分 · 扣分原因)', () => {
    const rows = [
      ['指标名称', '分值', '自评情况', '自评情况'],
      ['指标名称', '分值', '得分', '扣分原因'],
      ['预算执行率', '10', '9', '执行偏慢'],
    ];
    expect(findTableColumns(rows)).toMatchObject({ headerRow: 0, firstDataRow: 2, levels: [0], weight: 1, score: 2, reason: 3 });
  });

  it('ignores a generic 绩效指标 column when 一级/二级/三级 columns exist (national form)', () => {
    const rows = [['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施']];
    expect(findTableColumns(rows)).toMatchObject({ levels: [1, 2, 3], target: 4, actual: 5, weight: 6, score: 7, reason: 8 });
  });

  it('returns missing: [score] for a 评分细则 table without scores, and null for a table that is not about indicators', () => {
    expect(findTableColumns([['指标名称', '分值', '评分标准'], ['预算执行率', '10', '得分=分值×执行率']])).toMatchObject({
      levels: [0], weight: 1, standard: 2, score: null, missing: ['score'],
    });
    expect(findTableColumns([['姓名', '电话'], ['张三', '123']])).toBeNull();
    expect(findTableColumns([['一级指标', '备忘']])).toBeNull();
  });

  it('takes 评价标准, not 指标解释, as the standard (财政部 部门整体 layout)', () => {
    const rows = [['一级指标', '二级指标', '三级指标', '指标解释', '评价标准', '分值', '得分']];
    expect(findTableColumns(rows)).toMatchObject({ levels: [0, 1, 2], standard: 4, weight: 5, score: 6 });
  });

  it('does not take a data row with numbers as a header', () => {
    const rows = [['指标', '分值', '得分'], ['预算执行率', '10', '9']];
    expect(findTableColumns(rows, 1)).toBeNull();
  });
});

describe('findTableColumns on layouts of other provinces', () => {
  it('a 分值 column after every level: the leaf takes the deepest, each level its own', () => {
    const rows = [['一级指标', '分值', '二级指标', '分值', '三级指标', '分值', '评分标准', '得分'], ['决策', '20', '目标设定', '10', '绩效目标合理性', '5', '相符得5分', '5']];
    expect(findTableColumns(rows)).toMatchObject({ levels: [0, 2, 4], weight: 5, score: 7, levelWeights: [1, 3, 5] });
  });

  it('one 分值 column keeps its place and no levelWeights', () => {
    const columns = findTableColumns([['一级指标', '二级指标', '分值', '得分'], ['决策', '目标设定', '10', '9']]);
    expect(columns).toMatchObject({ weight: 2 });
    expect(columns?.levelWeights).toBeUndefined();
  });

  it.each([
    ['scores written with 分 ("5分", "0分")', ['决策（15分）', '目标设定', '绩效目标合理性', '5分', '目标符合部门职责得5分，不符合不得分', '0分', '5分', '']],
  ])('a data row is not a second header row: %s', (_name, data) => {
    const header = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '扣分', '得分', '扣分原因'];
    expect(findTableColumns([header, data])).toMatchObject({ headerRow: 0, firstDataRow: 1, weight: 3, score: 6, standard: 4 });
  });
});
