import { z } from 'zod';

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
});
export type Figure = z.infer<typeof FigureSchema>;
