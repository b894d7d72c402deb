import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/report/parse-document.js';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import type { ParseResult, Report } from '../../src/model/index.js';
import { INPUT_PROCESS_TABLE, documentOf, toDocx, toXlsx, withCell } from '../helpers/report-fixtures.js';

function reportOf(result: ParseResult): Report {
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
  return result.report;
}

function essence(report: Report) {
  return {
    blocks: report.indicators.map((b) => [b.name, b.weight]),
    leaves: indicatorLeaves(report.indicators).map((l) => [l.path.join('/'), l.weight, l.score, l.reason]),
    totals: report.statedTotals.map((t) => t.value),
  };
}

describe('an indicator table (投入/过程/产出/效果 with 评分标准 and 扣分原因)', () => {
  const report = reportOf(parseDocument(documentOf([{ table: INPUT_PROCESS_TABLE }])));

  it('reads levels from merged cells, weights from names, scores, reasons, standards and the stated total', () => {
    expect(report.title).toBe('某县某某服务中心2024年度部门整体支出绩效自评评分表');
    expect(report.year).toBe(2024);
    expect(report.indicators.map((b) => [b.name, b.weight])).toEqual([['投入', 20], ['过程', 30], ['产出', 30], ['效果', 20]]);
    const leaves = indicatorLeaves(report.indicators);
    expect(leaves).toHaveLength(9);
    expect(leaves.map((l) => l.score)).toEqual([5, 4, 10, 9, 10, 10, 15, 14, 18]);
    expect(leaves[3]).toMatchObject({
      path: ['过程', '资金管理', '预算执行率'], weight: 10, score: 9, reason: '预算执行率为90%，未达到序时进度',
      standard: '得分=分值×执行率', line: 6, standardLine: 6, location: { table: 1, row: 6, column: 3 },
    });
    expect(report.statedTotals).toMatchObject([{ value: 95, line: 12 }]);
  });

  it('gives the same tree from a real .xlsx and a real .docx', async () => {
    const fromXlsx = reportOf(await readReportBytes('评分表.xlsx', await toXlsx([{ name: '自评表', table: INPUT_PROCESS_TABLE }])));
    expect(essence(fromXlsx)).toEqual(essence(report));
    expect(indicatorLeaves(fromXlsx.indicators)[3]!.location).toMatchObject({ sheet: '自评表', cell: 'C6' });
    const fromDocx = reportOf(await readReportBytes('评分表.docx', await toDocx(['某县某某服务中心2024年度部门整体支出绩效自评报告', { table: INPUT_PROCESS_TABLE }])));
    expect(essence(fromDocx)).toEqual(essence(report));
  });

  it('reads a markdown pipe table with the lines of the file', async () => {
    const md = ['# 自评评分表', '', ...INPUT_PROCESS_TABLE.slice(1).map((row, i) => {
      const line = `| ${row.map((c) => (c === '^' || c === '<' ? '' : c)).join(' | ')} |`;
      return i === 0 ? `${line}\n|${row.map(() => '---').join('|')}|` : line;
    })].join('\n');
    const fromMd = reportOf(await readReportBytes('评分表.md', new TextEncoder().encode(md)));
    const leaves = indicatorLeaves(fromMd.indicators);
    expect(leaves.map((l) => l.score)).toEqual([5, 4, 10, 9, 10, 10, 15, 14, 18]);
    expect(fromMd.lines[leaves[3]!.line - 1]).toContain('预算执行率');
    expect(fromMd.statedTotals.map((t) => t.value)).toEqual([95]);
  });

  it('several tables in one file build one tree; a 加减分 row is the bonus', () => {
    const first = INPUT_PROCESS_TABLE.slice(0, 8);
    const second = [INPUT_PROCESS_TABLE[1]!, ...INPUT_PROCESS_TABLE.slice(8), ['加减分项', '<', '<', '', '', '1', '获市级表彰']];
    const split = reportOf(parseDocument(documentOf(['表1', { table: first }, '表2', { table: second }])));
    expect(indicatorLeaves(split.indicators).map((l) => l.score)).toEqual([5, 4, 10, 9, 10, 10, 15, 14, 18]);
    expect(split.bonus).toMatchObject({ score: 1 });
  });

  it('refuses a table without a score column, naming the columns it found', () => {
    const rubricLike = INPUT_PROCESS_TABLE.map((row) => [...row.slice(0, 5)]);
    const result = parseDocument(documentOf([{ table: rubricLike }]));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]!.code).toBe('no-score-column');
    expect(result.problems[0]!.message).toMatch(/^表格中找到了“一级指标”“二级指标”“三级指标”“分值”“评分标准”列，但没有“自评得分”列/u);
  });

  it('a changed cell changes the reading (not a hard-coded answer)', () => {
    const changed = reportOf(parseDocument(documentOf([{ table: withCell(INPUT_PROCESS_TABLE, 5, 5, '8.5') }])));
    expect(indicatorLeaves(changed.indicators)[3]!.score).toBe(8.5);
  });
});

describe('a narrative with its 评分细则 table (standards, no scores)', () => {
  it('the narrative gives the scores; each indicator takes the 评分标准 of its table row', async () => {
    const { PHRASINGS_NARRATIVE } = await import('../helpers/report-fixtures.js');
    const rubricTable = INPUT_PROCESS_TABLE.map((row) => [...row.slice(0, 5)]);
    const report = reportOf(parseDocument(documentOf([...PHRASINGS_NARRATIVE.split('\n'), '附：评分细则', { table: rubricTable }])));
    const leaves = indicatorLeaves(report.indicators);
    expect(leaves.map((l) => l.score)).toEqual([5, 4, 10, 9, 10, 10, 15, 14, 18]);
    const execution = leaves.find((l) => l.name === '预算执行率')!;
    expect(execution).toMatchObject({ standard: '得分=分值×执行率', line: 15 });
    expect(report.lines[execution.standardLine! - 1]).toContain('得分=分值×执行率');
  });
});

describe('block rows of two numbering levels in a one-level table', () => {
  it('“（一）…” nests in the “一、…” above it; a later “二、…” starts a new root', () => {
    const table = [
      ['指标名称', '分值', '得分'],
      ['一、预算编制（20分）', '<', '<'],
      ['（一）编制质量（10分）', '<', '<'], ['1.预算编制合理性', '10', '9'],
      ['（二）目标设置（10分）', '<', '<'], ['1.绩效目标覆盖率', '10', '10'],
      ['二、履职效益（80分）', '<', '<'], ['1.重点工作完成率', '80', '80'],
      ['合计', '100', '99'],
    ];
    const report = reportOf(parseDocument(documentOf([{ table }])));
    const tree = (nodes: typeof report.indicators): unknown[] => nodes.map((n) => (n.children.length > 0 ? [n.name, n.weight, tree(n.children)] : n.name));
    expect(tree(report.indicators)).toEqual([
      ['预算编制', 20, [['编制质量', 10, ['预算编制合理性']], ['目标设置', 10, ['绩效目标覆盖率']]]],
      ['履职效益', 80, ['重点工作完成率']],
    ]);
  });
});
