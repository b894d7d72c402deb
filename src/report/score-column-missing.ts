import type { ParseProblem } from '../model/index.js';
import type { TableColumns } from './table-columns.js';

function columnHasRole(columns: TableColumns, c: number): boolean {
  const singles = [columns.weight, columns.score, columns.standard, columns.reason, columns.target, columns.actual,
    columns.budgetInitial, columns.budgetFull, columns.budgetExecuted, columns.executionRate];
  return columns.levels.includes(c) || singles.includes(c);
}

/**
 * A table that names indicators but has no score column (and the text has no scores either), as one sentence naming
 * the columns it did find: "表格中找到了“指标名称”“分值”“评分标准”列，但没有“自评得分”列，……"
 */
export function scoreColumnMissing(columns: TableColumns): ParseProblem {
  const found = columns.headers.filter((h, c) => h !== '' && columnHasRole(columns, c));
  const names = [...new Set(found)].map((h) => `“${h}”`).join('');
  return {
    code: 'no-score-column',
    message: `表格中找到了${names}列，但没有“自评得分”列，无法检查得分；如果这是评分细则，请用 selfeval rubric import 导入。`,
  };
}
