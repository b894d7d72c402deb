import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.js';
import { queryOf } from '../../src/report/query/report-query.js';
import { TABLE_FORMATS, readAs, reportOf } from './read-as.js';

const TITLE = '某县某局2024年度部门整体支出绩效自评报告';
const leafNames = (report: Report) => queryOf(report).leaves().map((n) => n.name);

const NATIONAL_WITH_FOOTER = [
  ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
  ['^', '产出指标', '数量指标', '家庭医生签约人数', '≥3万人', '3.2万人', '50', '50', ''],
  ['^', '满意度指标', '服务对象满意度指标', '居民满意度', '≥90%', '88%', '50', '45', '等候时间较长'],
  ['总分', '<', '<', '<', '<', '<', '100', '95', ''],
  ['偏差大或目标未完成原因分析', '无', '<', '<', '<', '<', '<', '<', '<'],
  ['改进措施及结果应用方案', '加强预约诊疗管理', '<', '<', '<', '<', '<', '<', '<'],
  ['联系人', '张三', '<', '<', '填报日期', '2025年3月1日', '<', '<', '<'],
];

const BLOCKS_IN_HEADER_ROWS = [
  ['指标名称', '分值', '得分', '扣分原因'],
  ['一、产出指标（30分）', '<', '<', '<'],
  ['培训人次', '10', '10', '按计划完成'],
  ['检查户数', '10', '9', '部分企业停产'],
  ['隐患整改率', '10', '10', '全部整改'],
  ['二、效益指标（20分）', '<', '<', '<'],
  ['企业满意度', '10', '9', '满意度为88%'],
  ['投诉办结率', '10', '10', '全部办结'],
  ['合计', '50', '48', '—'],
];

const ADJUSTMENTS = [
  ['一级指标', '二级指标', '标准分', '评分办法', '评价得分', '得分说明'],
  ['决策（50分）', '目标设定', '50', '目标明确得50分', '50', ''],
  ['过程（50分）', '资金管理', '50', '执行率≥90%得50分', '46', '执行率为86%'],
  ['加分项', '获得表彰', '3', '获省级表彰加2分', '2', '获省级表彰1项'],
  ['扣分项', '审计发现问题', '—', '每发现1个问题扣1分', '1', '审计发现1个问题'],
  ['总分', '<', '100', '', '97', ''],
];

const SUBTOTALS = [
  ['一级指标', '二级指标', '三级指标', '分值', '得分', '扣分原因'],
  ['产出（20分）', '数量', '', '20', '19', ''],
  ['^', '^', '培训人次', '10', '10', ''],
  ['^', '^', '检查户数', '10', '8', '2户停产'],
  ['效果', '满意度', '企业满意度', '10', '10', ''],
  ['^', '小计', '<', '10', '9', ''],
  ['合计', '<', '<', '30', '28', ''],
];

describe('form rows that are not indicators, blocks, adjustments and subtotals — every table format', () => {
  for (const format of TABLE_FORMATS) {
    it(`${format}: footer rows (原因分析, 改进措施, 联系人) and 总分 are not indicators`, async () => {
      const report = reportOf(await readAs(format, [TITLE, { table: NATIONAL_WITH_FOOTER }]));
      expect(leafNames(report)).toEqual(['家庭医生签约人数', '居民满意度']);
      expect(report.statedTotals.map((t) => t.value)).toEqual([95]);
    });

    // In a PDF the reader gives the header and block rows back as paragraphs and the rest as pieces (table-continuation.ts).
    it(`${format}: a block named across a row carries the weight in its title`, async () => {
      const report = reportOf(await readAs(format, [TITLE, { table: BLOCKS_IN_HEADER_ROWS }]));
      expect(report.indicators.map((n) => [n.name, n.weight, n.score, n.children.map((c) => c.name)])).toEqual([
        ['产出指标', 30, null, ['培训人次', '检查户数', '隐患整改率']],
        ['效益指标', 20, null, ['企业满意度', '投诉办结率']],
      ]);
      expect(report.statedTotals.map((t) => t.value)).toEqual([48]);
    });

    it(`${format}: a 加分项 row and a 扣分项 row are both kept; bonus is their sum`, async () => {
      const report = reportOf(await readAs(format, [TITLE, { table: ADJUSTMENTS }]));
      expect(report.adjustments?.map((a) => [a.label, a.score])).toEqual([['加分项', 2], ['扣分项', -1]]);
      expect(report.bonus?.score).toBe(1);
      expect(leafNames(report)).toEqual(['目标设定', '资金管理']);
    });

    it(`${format}: a 二级 row's stated subtotal and a 小计 row stay as written, apart from their children's sum`, async () => {
      const report = reportOf(await readAs(format, [TITLE, { table: SUBTOTALS }]));
      const q = queryOf(report);
      expect(q.byId('产出/数量')).toMatchObject({ weight: 20, score: 19 });
      expect(q.byId('产出/数量')?.children.map((c) => c.score)).toEqual([10, 8]);
      expect(q.byId('效果')).toMatchObject({ weight: 10, score: 9 });
      expect(leafNames(report)).toEqual(['培训人次', '检查户数', '企业满意度']);
    });
  }
});

describe('stated totals in every phrasing (text and docx)', () => {
  const TABLE = [
    ['一级指标', '二级指标', '分值', '自评得分'],
    ['投入', '预算编制', '50', '46.8'],
    ['^', '预算执行', '50', '47'],
  ];
  const cases: [string, number[]][] = [
    ['经自评，我局2024年度部门整体支出绩效自评得分为93.8分。', [93.8]],
    ['我局2024年度部门整体支出绩效综合评分93.8分，等级为优。', [93.8]],
    ['本年度部门整体支出绩效得分合计93.8分。', [93.8]],
    ['部门整体支出绩效总得分为93.8分。', [93.8]],
    ['自评得分93.8分。', [93.8]],
    ['该指标自评得分5分。', []],
  ];
  for (const format of ['txt', 'docx'] as const) {
    it.each(cases)(`${format}: %s`, async (sentence, totals) => {
      const report = reportOf(await readAs(format, [TITLE, sentence, { table: TABLE }]));
      expect(report.statedTotals.map((t) => t.value)).toEqual(totals);
    });
  }

  it.each(TABLE_FORMATS)('%s: "总分 | 100分" across 分值 and 得分 is the full marks, not a stated total', async (format) => {
    const report = reportOf(await readAs(format, [TITLE, { table: [...TABLE, ['总分', '<', '100分', '<']] }]));
    expect(report.statedTotals).toEqual([]);
    expect(queryOf(report).leaves().map((n) => n.name)).toEqual(['预算编制', '预算执行']);
  });

  it.each(TABLE_FORMATS)('%s: a total written only in a 合计 row', async (format) => {
    const report = reportOf(await readAs(format, [TITLE, { table: [...TABLE, ['合计', '<', '100', '93.8']] }]));
    expect(report.statedTotals.map((t) => t.value)).toEqual([93.8]);
  });
});
