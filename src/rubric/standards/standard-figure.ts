import type { Figure } from '../../model/index.js';
import { roleOfHeader } from '../../report/table-columns.js';

/** Table columns whose numbers are a standard's, not the report's stated values. */
const STANDARD_COLUMNS = new Set(['standard', 'target', 'weight', 'score']);
/** Right after the number: the score a clause gives ("95%得6分", "85%（含）-95%…", "60%以下不得分"). */
const SCORE_AFTER = /^(?:[（(](?:含|不含)[^）)]{0,6}[）)])?(?:以上|以下|以内|及以上|及以下)?(?:[（(](?:含|不含)[^）)]{0,6}[）)])?(?:[-－—~～至]|[，,]?(?:的|时)?[，,]?(?:得|扣|计|不得|不计|给|按|每))/u;
/** Right before the number: a comparison or a standard ("评分标准：执行率≥", "…，低于", "目标值为"). */
const COMPARED_BEFORE = /(?:评分标准|计分标准|评分办法|计分方法|评分依据|≥|≤|>|<|=|不低于|不少于|不高于|不超过|低于|高于|未达到|达不到|大于|小于|等于|目标值为?|指标值为?|要求)(?:为|的|了)?$/u;

/**
 * Is this number part of a scoring standard or a target rather than a stated value: a threshold or band bound
 * ("≥95%得6分；85%（含）-95%得4分" gives 95, 85 and the "−95" of its range), a number compared with ("低于95%"), or a
 * number in a 评分标准/年度指标值/分值/得分 column? Such numbers are never "one quantity written differently".
 */
export function isStandardFigure(figure: Figure): boolean {
  const header = figure.table?.header;
  if (header) {
    const role = roleOfHeader(header)?.role;
    if (role && STANDARD_COLUMNS.has(role)) return true;
  }
  return SCORE_AFTER.test(figure.object) || COMPARED_BEFORE.test(figure.subject);
}
