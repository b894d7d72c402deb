import { describe, expect, it } from 'vitest';
import { parseReportText } from '../../src/report/parse-report.js';
import { departmentInTitle } from '../../src/report/cover.js';
import { PHRASINGS_NARRATIVE } from '../helpers/report-fixtures.js';
import { reportOfItems, type RuleFormat } from '../checks/rule-shapes.js';

function titleOf(text: string): string {
  const parsed = parseReportText(text);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join());
  return parsed.report.title;
}

describe('report cover: the title', () => {
  const [first, ...rest] = PHRASINGS_NARRATIVE.split('\n');

  it('keeps a one-line title', () => {
    expect(titleOf(PHRASINGS_NARRATIVE)).toBe(first);
  });

  it('joins a title wrapped over two lines (as a PDF prints it)', () => {
    const wrapped = [first!.slice(0, 12), first!.slice(12), ...rest].join('\n');
    expect(titleOf(wrapped)).toBe(first);
  });

  it('does not glue a metadata line or a finished sentence onto the title', () => {
    expect(titleOf(['填报单位：某县某某服务中心', first, ...rest].join('\n'))).toBe(first);
    expect(titleOf(['内部资料。', first, ...rest].join('\n'))).toBe(first);
  });
});

describe('report cover: the department named in the title', () => {
  // [title, the department it names (null: it names none)]
  const TITLES: [string, string | null][] = [
    ['某市交通运输局2024年度部门整体支出绩效自评表', '某市交通运输局'],
    ['XX县农业农村局部门整体支出绩效自评报告', 'XX县农业农村局'],
    ['关于某县水利局2024年度部门整体支出绩效自评情况的报告', '某县水利局'],
    ['某县水利局关于2024年度部门整体支出绩效自评的报告', '某县水利局'],
    ['某县水利局（盖章）2024年度部门整体支出绩效自评报告', '某县水利局'],
    ['2024年度某区卫生健康委员会部门整体支出绩效自评报告', '某区卫生健康委员会'],
    ['某县社会保险事业管理局 2024 年度部门整体支出绩效自评报告', '某县社会保险事业管理局'],
    ['某镇人民政府2024年度部门整体支出绩效自评报告', '某镇人民政府'],
    ['中共某县委宣传部2024年度部门整体支出绩效自评报告', '中共某县委宣传部'],
    ['某县政务数据服务中心项目支出绩效自评报告', '某县政务数据服务中心'],
    ['2024年度部门整体支出绩效自评报告', null],
    ['部门整体支出绩效自评报告', null],
    ['项目支出绩效自评表（2024年度）', null],
    ['城乡居民医疗救助项目2024年度项目支出绩效自评表', null],
    ['某市图书馆新馆建设项目支出绩效自评表', null],
  ];

  it.each(TITLES)('%s → %s', (title, department) => {
    expect(departmentInTitle(title)).toBe(department);
  });

  const [, ...body] = PHRASINGS_NARRATIVE.split('\n');
  const table = (title: string) => [
    [title, '<', '<', '<'], ['一级指标', '三级指标', '分值', '得分'], ['产出', '任务完成率', '50', '50'], ['^', '覆盖率', '50', '50'], ['合计', '<', '100', '100'],
  ];
  const REPORTS = TITLES.flatMap(([title, department], i) => [
    [`txt ${title}`, 'txt' as RuleFormat, [title, ...body], department],
    [`${i % 2 === 0 ? 'xlsx' : 'docx'} table titled ${title}`, (i % 2 === 0 ? 'xlsx' : 'docx') as RuleFormat, [{ table: table(title) }], department],
  ] as const);

  it.each(REPORTS)('%s', async (_name, format, items, department) => {
    expect((await reportOfItems(format, items)).department).toBe(department);
  });

  it('a 部门名称 line wins over the title', async () => {
    const report = await reportOfItems('txt', ['某市交通运输局2024年度部门整体支出绩效自评报告', '部门名称：某市公路事务中心', ...body]);
    expect(report.department).toBe('某市公路事务中心');
  });
});
