import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkReport } from '../../src/checks/engine.js';
import { computeTotals } from '../../src/checks/summary.js';
import { readReportBytes, readReportFile } from '../../src/report/parse-report.js';
import { loadRubric } from '../../src/rubric/load-rubric.js';
import { draftFromReport, draftFromWorkbook } from '../../src/drafting/document/draft-full-report.js';
import { INDICATOR_COLUMNS } from '../../src/drafting/workbook/sheet-layout.js';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.js';
import { INVENTED_SCORES, inventedTemplate } from './workbook-fixtures.js';
import { queryOf } from '../../src/report/query/report-query.js';

/** Fill the invented template the way a finance officer would: typed numbers, formulas left alone (no cached results). */
async function filledInventedWorkbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await inventedTemplate()) as unknown as ArrayBuffer);
  const basics = book.getWorksheet('基本情况')!;
  basics.getCell('B2').value = '某县农业农村局（测试）';
  basics.getCell('B3').value = 2025;
  basics.getCell('B6').value = '负责全县农业农村发展规划、农田水利设施管护和农业技术推广等工作。';
  basics.getCell('A11').value = '某县农业农村局（测试）';
  basics.getCell('B11').value = '行政编制';
  basics.getCell('C11').value = 15;
  basics.getCell('D11').value = 13;
  basics.getCell('A24').value = '年度目标及任务';
  basics.getCell('B24').value = '完成农田水利设施维修 36 处，改善灌溉条件。';
  const finances = book.getWorksheet('收支')!;
  finances.getCell('B3').value = 480.25; // 财政拨款收入
  finances.getCell('B6').value = 20; // 其他收入
  finances.getCell('C3').value = 455.6;
  finances.getCell('B9').value = 320.1; // 基本支出
  finances.getCell('B10').value = 270.1;
  finances.getCell('B11').value = 50;
  finances.getCell('B12').value = 180.15; // 项目支出
  finances.getCell('C9').value = 300;
  finances.getCell('C12').value = 150.5;
  finances.getCell('E2').value = '主要原因是上级补助资金增加。';
  const execution = book.getWorksheet('预算执行')!;
  execution.getCell('B2').value = 560;
  execution.getCell('D2').value = 500.25;
  execution.getCell('B4').value = 80;
  execution.getCell('D4').value = 76.4;
  execution.getCell('B8').value = 2;
  execution.getCell('D8').value = 1.35;
  const projects = book.getWorksheet('项目')!;
  projects.getCell('A2').value = '农田水利设施维修项目';
  projects.getCell('B2').value = 180.15;
  projects.getCell('C2').value = '维修设施 36 处';
  projects.getCell('D2').value = '已完成 36 处';
  const indicators = book.getWorksheet('指标得分')!;
  for (let r = 2; r <= indicators.rowCount; r += 1) {
    const row = indicators.getRow(r);
    const name = [1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? '')).find((t) => t !== '');
    const filled = name ? INVENTED_SCORES[name] : undefined;
    if (!filled) continue;
    if (filled.assessed === false) row.getCell(INDICATOR_COLUMNS.assessed).value = '否';
    else row.getCell(INDICATOR_COLUMNS.score).value = filled.score!;
    if (filled.reason) row.getCell(INDICATOR_COLUMNS.reason).value = filled.reason;
    if (filled.evidence) row.getCell(INDICATOR_COLUMNS.evidence).value = filled.evidence;
  }
  const bonus = book.getWorksheet('加减分')!;
  bonus.getCell('A2').value = '获评省级先进单位';
  bonus.getCell('B2').value = 1;
  bonus.getCell('C2').value = '2025 年获评省级农田水利先进单位。';
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function checkDocx(bytes: Buffer) {
  const parsed = await readReportBytes('草稿.docx', bytes);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return checkReport(parsed.report, await loadRubric());
}

describe('draft 全文 from the figures workbook', () => {
  it('drafts the sample round trip (report → figures → draft → check): 27 leaves, 99, no error', async () => {
    const parsed = await readReportFile(SAMPLE_REPORT_PATH);
    if (!parsed.ok) throw new Error('sample did not parse');
    const rubric = await loadRubric();
    const original = checkReport(parsed.report, rubric);
    const file = await draftFromReport(parsed.report, rubric, 'docx');
    expect(file.bytes.subarray(0, 2).toString()).toBe('PK');
    const outcome = await checkDocx(file.bytes);
    const leaves = queryOf(outcome.report).leaves();
    expect(leaves.map((l) => [l.path.join('/'), l.weight, l.score])).toEqual(queryOf(original.report).leaves().map((l) => [l.path.join('/'), l.weight, l.score]));
    expect(computeTotals(outcome.report)).toMatchObject({ stated: 99 });
    expect(computeTotals(outcome.report).computed.toString()).toBe('99');
    expect(outcome.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(file.draft.selfCheck).toMatchObject({ errors: [], mismatches: [], leaves: 27, total: '99' });
    // no warning the original did not have
    const kinds = (fs: { ruleId: string; severity: string }[]) => fs.filter((f) => f.severity === 'warning').map((f) => f.ruleId).sort();
    expect(kinds(outcome.findings)).toEqual(kinds(original.findings));
  });

  it('drafts a workbook of another indicator system (投入/过程/产出/效果) that checks back to its own figures', async () => {
    const drafted = await draftFromWorkbook(await filledInventedWorkbook(), await loadRubric(), 'docx');
    if (!drafted.ok) throw new Error(drafted.problems.map((p) => p.message).join('\n'));
    const outcome = await checkDocx(drafted.file.bytes);
    const leaves = queryOf(outcome.report).leaves();
    const expected = Object.entries(INVENTED_SCORES);
    expect(leaves.map((l) => [l.name, l.assessed ? l.score : null])).toEqual(expected.map(([name, s]) => [name, s.score ?? null]));
    expect(outcome.report.indicators.map((b) => [b.name, b.weight])).toEqual([['投入', 20], ['过程', 30], ['产出', 25], ['效果', 25]]);
    // 4 + 5 + 10 + 8 + 10 + 5 + 10 + 5 + 9 + 15 + 9 = 90, plus 1 bonus
    expect(computeTotals(outcome.report)).toMatchObject({ stated: 91 });
    expect(computeTotals(outcome.report).computed.toString()).toBe('91');
    expect(outcome.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const text = outcome.report.lines.join('\n');
    expect(text).toContain('总收入决算数 500.25 万元'); // 480.25 + 20, summed from the sources
    expect(text).toContain('收入决算数增加 9.80%（（500.25 − 455.60）÷ 455.60 × 100% = 9.80%）');
    expect(text).toContain('支出决算数增加 11.04%（（500.25 − 450.50）÷ 450.50 × 100% = 11.04%）'); // 320.10 + 180.15 vs 300 + 150.50
    expect(text).toContain('预算执行率为 89.33%（500.25 ÷ 560.00 × 100%）');
    expect(text).toMatch(/本项扣 1 分（10 − 9）.*扣分原因：2 处设施验收时需要整改/u);
    expect(text).toContain('本年度无需执行的专项制度，本项不考核。');
  });
});
