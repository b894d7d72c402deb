import { z } from 'zod';
import { FIGURE_ROLES } from './figure-role.js';

export { FIGURE_ROLES, STATED_VALUE_ROLES, type FigureRole } from './figure-role.js';

/**
 * What a number of the report IS, decided once at recognition (report/figure-roles.ts) so that every consumer filters
 * on it instead of guessing from the text again:
 * - `actual`: an indicator's stated achieved value (its 实际完成值 cell, or the figure its `actual` fact was read from:
 *   "执行率为88.3%" in a 扣分原因 cell or the indicator's evidence sentence);
 * - `target`: a planned value (年度指标值/目标值/计划数 column, "目标值为95%", "未达到95%的目标");
 * - `threshold`: a number of a scoring standard — anything inside a 评分标准/评分依据/计分方法 text, a band clause
 *   ("≥95%得6分；85%（含）-95%得4分；<85%得0分": 95, 6, 85, 95, 4, 85, 0), "每少1项扣0.5分", or a comparison
 *   ("低于95%"). A threshold is never a stated value of the report;
 * - `weight`: 分值/权重/标准分/满分; `score`: 得分/自评得分/扣N分/a stated total;
 * - the plain stated values, by unit: `amount` (money: 元/万元/亿元), `rate` (%/‰/个百分点), `count` (个/项/人/件 …),
 *   `number` (no unit); `date` (年/月/日: not a quantity).
 */
export const FigureRoleSchema = z.enum(FIGURE_ROLES);

/**
 * A number stated in a report, with its unit and what it is about.
 * `value` is the decimal string exactly as written (no binary floating point): "285.53", "58.48", "0.0693".
 */
export const FigureSchema = z.object({
  id: z.string(), // stable within a report: "L35#2" = third figure on line 35
  value: z.string().regex(/^-?\d+(\.\d+)?$/),
  unit: z.string(), // "万元" | "元" | "%" | "分" | "个" | "项" | "人" | "名" | "台" | "条" | "笔" | "户" | "个工作日" | "" …
  raw: z.string(), // the text as it appears, e.g. "285.53 万元", "58.48%"
  subject: z.string(), // the words before the number in its clause, e.g. "总收入决算数", "政府采购预算"
  object: z.string(), // the words right after the unit, e.g. "村（居）" in "225个村（居）", "“粤智助”自助机" in "251台“粤智助”自助机"
  line: z.number().int().positive(),
  column: z.number().int().positive(),
  sectionPath: z.array(z.string()),
  // A number in a table cell: the row's label and the column's header that make its subject ("年度资金总额" + "全年执行数").
  table: z.object({ label: z.string(), header: z.string() }).optional(),
  role: FigureRoleSchema,
});
export type Figure = z.infer<typeof FigureSchema>;
