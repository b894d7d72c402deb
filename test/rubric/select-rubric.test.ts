import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import type { Finding, Report } from '../../src/model/index.js';
import { parseDocument } from '../../src/report/parse-document.js';
import { loadBundledRubrics, loadRubric } from '../../src/rubric/load-rubric.js';
import { REPORT_OWN_RUBRIC, selectRubric } from '../../src/rubric/select-rubric.js';
import { BUNDLED_RUBRIC, parseText, SAMPLE_TEXT } from '../checks/rule-tester.js';
import { documentOf, INPUT_PROCESS_TABLE, TARGET_FORM } from '../helpers/report-fixtures.js';

function fromTable(table: string[][]): Report {
  const parsed = parseDocument(documentOf([{ table }], 'xlsx', 'fixture.xlsx'));
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  return parsed.report;
}

/** A 评分表 in the 53号 framework's own indicator names, its own weights and 评分标准 (invented figures). */
const FRAMEWORK_TABLE = [
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['投入', '目标设定', '绩效目标合理性', '4', '根据情况酌情评分', '4', ''],
  ['^', '^', '绩效指标明确性', '4', '根据情况酌情评分', '4', ''],
  ['^', '预算配置', '在职人员控制率', '6', '≤100%得满分；每超1个百分点扣0.5分，扣完为止', '6', '在职人员控制率为 96%'],
  ['^', '^', '重点支出安排率', '6', '根据情况酌情评分', '6', ''],
  ['过程', '预算执行', '预算完成率', '10', '得分=分值×完成率', '9', '预算完成率为 90%'],
  ['^', '^', '结转结余率', '10', '根据情况酌情评分', '10', ''],
  ['^', '预算管理', '资金使用合规性', '10', '每出现一例不符合扣1分，扣完为止', '10', '未发现违规'],
  ['产出', '职责履行', '实际完成率', '25', '根据履职效果酌情评分', '25', ''],
  ['效果', '履职效益', '社会效益', '25', '根据履职效果酌情评分', '25', ''],
  ['合计', '<', '<', '100', '', '99', ''],
];

/** Another bureau's own system: 决策/过程/产出/效益 with its own names (invented figures). */
const OTHER_SYSTEM = [
  ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'],
  ['决策', '项目立项', '立项依据充分性', '10', '根据情况酌情评分', '10', ''],
  ['^', '绩效目标', '目标明确性', '10', '根据情况酌情评分', '10', ''],
  ['过程', '资金管理', '资金到位率', '10', '得分=分值×完成率', '10', '资金到位率 100%'],
  ['^', '组织实施', '项目验收规范性', '10', '每出现一例不符合扣1分，扣完为止', '9', '发现1例验收资料缺签字'],
  ['产出', '产出数量', '改造户数完成率', '30', '≥90%得30分；80%（含）-90%得20分；<80%得0分', '20', '完成率 85%'],
  ['效益', '社会效益', '群众受益情况', '30', '根据履职效果酌情评分', '30', ''],
  ['合计', '<', '<', '100', '', '89', ''],
];

const foreignNotes = (findings: readonly Finding[]) =>
  findings.filter((f) => f.ruleId === 'score/unmatched-indicator' || /评分细则[^，。]*中为/u.test(f.message));

describe('choosing the rubric by how the report matches it', () => {
  it('the sample is a 乐昌 2024 report: its 27 leaves all match', async () => {
    const choice = selectRubric(parseText(SAMPLE_TEXT), await loadBundledRubrics());
    expect(choice).toMatchObject({ how: 'matched', reportLeaves: 27, matchedLeaves: 27, summary: '按乐昌 2024 样例整理的指标体系（27 项中 27 项匹配）' });
    expect(choice.rubric.id).toBe('lechang-2024');
  });

  it('on the sample, choosing gives exactly the findings of forcing the 乐昌 rubric (regression guard)', async () => {
    const chosen = checkReport(parseText(SAMPLE_TEXT), await loadRubric());
    const forced = checkReport(parseText(SAMPLE_TEXT), BUNDLED_RUBRIC);
    expect(chosen.findings).toEqual(forced.findings);
    expect(chosen.findings.length).toBeGreaterThan(10);
  });

  it('a report in the 53号 framework’s names gets the 53号 reference rubric: formulas, no weights compared, no missing notes', async () => {
    const outcome = checkReport(fromTable(FRAMEWORK_TABLE), await loadRubric());
    expect(outcome.rubricChoice).toMatchObject({ how: 'matched', matchedLeaves: 9 });
    expect(outcome.rubricChoice.rubric.id).toBe('mof-2013-53');
    expect(foreignNotes(outcome.findings)).toEqual([]);
    expect(outcome.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it.each([
    ['another system (决策/过程/产出/效益)', OTHER_SYSTEM],
    ['the national target form', TARGET_FORM],
    ['an 投入/过程/产出/效果 评分表 with its own names', INPUT_PROCESS_TABLE],
  ])('%s: no bundled rubric, never another bureau’s weights', async (_name, table) => {
    const outcome = checkReport(fromTable(table), await loadRubric());
    expect(outcome.rubricChoice).toMatchObject({ how: 'none', summary: '无（未匹配内置细则：按报告自带评分标准和通用规则检查）' });
    expect(outcome.rubricChoice.rubric).toBe(REPORT_OWN_RUBRIC);
    expect(foreignNotes(outcome.findings)).toEqual([]);
    expect(outcome.findings.some((f) => f.ruleId === 'score/rubric-rule')).toBe(false);
  });

  it('without a bundled rubric the report’s own standards and the generic rules still run', async () => {
    const wrong = OTHER_SYSTEM.map((row) => (row[2] === '改造户数完成率' ? [...row.slice(0, 5), '30', row[6]!] : row));
    wrong[wrong.length - 1] = ['合计', '<', '<', '100', '', '89', ''];
    const outcome = checkReport(fromTable(wrong), await loadRubric());
    expect(outcome.rubricChoice.how).toBe('none');
    const ids = outcome.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);
    expect(ids).toContain('score/own-standard'); // 85% is the 20-point band
    expect(ids).toContain('score/total-matches'); // 99 computed vs 89 stated
  });

  it('a rubric the user names (--rubric) is forced even when it does not fit', () => {
    const outcome = checkReport(fromTable(OTHER_SYSTEM), BUNDLED_RUBRIC);
    expect(outcome.rubricChoice).toMatchObject({ how: 'forced', matchedLeaves: 0 });
    expect(outcome.rubricChoice.summary).toContain('指定的评分细则');
    expect(outcome.findings.some((f) => f.ruleId === 'score/unmatched-indicator')).toBe(true);
  });

  it('explicit candidates: { auto: [...] }', async () => {
    const [lechang] = await loadBundledRubrics();
    const outcome = checkReport(parseText(SAMPLE_TEXT), { auto: [lechang!] });
    expect(outcome.rubricChoice.rubric.id).toBe('lechang-2024');
  });
});
