import { describe, expect, it } from 'vitest';
import type { Figure, FigureRole } from '../../src/model/index.js';
import { extractFigures } from '../../src/report/figures.js';
import { TABLE_FORMATS, readAs, reportOf } from './read-as.js';

const paragraph = (text: string) => ({ text, line: 1, endLine: 1, sectionPath: [], segments: [{ line: 1, offset: 0 }] });
const roles = (figures: readonly Figure[]) => figures.map((f) => `${f.raw}:${f.role}`);

describe('figure roles in running text', () => {
  const cases: [string, string[]][] = [
    ['评分标准：≥90%得5分；80%-90%得4分。', ['90%:threshold', '5分:threshold', '80%:threshold', '90%:threshold', '4分:threshold']],
    ['≥95%得6分；85%（含）-95%得4分；<85%得0分', ['95%:threshold', '6分:threshold', '85%:threshold', '95%:threshold', '4分:threshold', '85%:threshold', '0分:threshold']],
    ['每少1项扣0.5分，扣完为止。', ['1项:threshold', '0.5分:threshold']],
    ['执行率为88.3%，低于95%。', ['88.3%:rate', '95%:threshold']],
    ['全年执行率为97%，≥90%，得5分。', ['97%:rate', '90%:threshold', '5分:score']],
    ['满意度调查为90%，未达到95%的目标。', ['90%:rate', '95%:target']],
    ['年度目标值为95%，实际完成96%。', ['95%:target', '96%:rate']],
    ['年初计划重点工作10项，已完成10项，完成率100%。', ['10项:target', '10项:count', '100%:rate']],
    ['指标分值18分。', ['18分:weight']],
    ['自评得分5分，扣1分。', ['5分:score', '1分:score']],
    ['2024年政府采购预算60.68万元，共实施项目8个。', ['2024年:date', '60.68万元:amount', '8个:count']],
    ['按照评分标准，本项执行率为97%，得5分。', ['97%:rate', '5分:score']],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(roles(extractFigures([paragraph(text)]))).toEqual(expected);
  });

  it('a range dash is not a minus: "85%（含）-95%" reads 95', () => {
    expect(extractFigures([paragraph('85%（含）-95%得4分')]).map((f) => f.value)).toEqual(['85', '95', '4']);
    expect(extractFigures([paragraph('同比增长-5%')]).map((f) => f.value)).toEqual(['-5']);
  });
});

const HUNAN_ROWS = [
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['过程', '预算执行', '项目支出执行率', '6', '≥95%得6分；85%（含）-95%得4分；<85%得0分', '4', '执行率为88.3%，低于95%'],
  ['^', '^', '资金使用合规性', '10', '每发现一例违规扣2分，扣完为止', '10', ''],
  ['合计', '<', '<', '16', '', '14', ''],
];
const NATIONAL_ROWS = [
  ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ['产出指标', '质量指标', '办结率', '≥98%', '97%', '20', '18', '个别事项材料不全导致延期办结'],
  ['^', '数量指标', '服务事项办理数', '≥5000件', '5200件', '30', '30', ''],
  ['总分', '<', '<', '<', '<', '50', '48', ''],
];

describe('figure roles in table rows, every format', () => {
  const cases: [string, string[][], string, [string, FigureRole][]][] = [
    ['评分标准 and 扣分原因 columns', HUNAN_ROWS, '项目支出执行率',
      [['6', 'weight'], ['95%', 'threshold'], ['85%', 'threshold'], ['4分', 'threshold'], ['4', 'score'], ['88.3%', 'actual']]],
    ['年度指标值 and 实际完成值 columns', NATIONAL_ROWS, '办结率', [['98%', 'target'], ['97%', 'actual'], ['20', 'weight'], ['18', 'score']]],
  ];
  for (const format of TABLE_FORMATS) {
    it.each(cases)(`${format}: %s`, async (_name, table, indicator, expected) => {
      const report = reportOf(await readAs(format, ['某县某局2024年度部门整体支出绩效自评报告', { table }]));
      const row = report.figures.filter((f) => f.line === report.figures.find((g) => g.subject.includes(indicator))?.line);
      for (const [raw, role] of expected) expect(row.filter((f) => f.raw === raw).map((f) => f.role), raw).toContain(role);
      expect(row.some((f) => f.value.startsWith('-'))).toBe(false);
      // The 扣分原因's comparison is not the stated value.
      if (indicator === '项目支出执行率') expect(row.filter((f) => f.raw === '95%').every((f) => f.role === 'threshold')).toBe(true);
    });
  }
});
