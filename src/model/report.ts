import { z } from 'zod';
import { DocumentLocationSchema } from './document.js';
import { FigureSchema } from './figure.js';
import { IndicatorNodeSchema } from './indicator.js';
import { SectionSchema } from './section.js';

export const SourceFormatSchema = z.enum(['txt', 'md', 'docx', 'pdf', 'xlsx', 'html']);
export type SourceFormat = z.infer<typeof SourceFormatSchema>;

/**
 * A paragraph of normalised text with the original lines it came from (page breaks rejoined).
 * Normalised: full-width digits → ASCII, brackets → full-width （）, `$\\leq 100\\%$` → ≤100%, no spaces between numbers
 * and Han characters/units. `segments` maps text offsets back to original lines: segment i starts at `offset` in `text`
 * and came from original line `line` (use report/paragraph-lines.ts `lineAtOffset`).
 */
export const ParagraphSchema = z.object({
  text: z.string(),
  line: z.number().int().positive(), // first original line
  endLine: z.number().int().positive(), // last original line
  sectionPath: z.array(z.string()), // titles of the enclosing headings
  segments: z.array(z.object({ line: z.number().int().positive(), offset: z.number().int().nonnegative() })),
  // A table row read as a paragraph (cells joined by tabs): where each cell is, in order (absent for running text).
  cells: z.array(DocumentLocationSchema).optional(),
  // A table row under a header row: the row's label (its last name cell before the figures, e.g. "年度资金总额",
  // "造林面积"), each column's header text ("全年执行数", "实际完成值") and unit ("万元" from "（万元）", else "").
  // A number in a cell is about `${label}${headers[column]}` (report/figures.ts).
  table: z.object({ label: z.string(), headers: z.array(z.string()), units: z.array(z.string()) }).optional(),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const BonusSchema = z.object({
  score: z.number(),
  line: z.number().int().positive(),
  evidence: z.string(),
});

/**
 * One 加减分 row or paragraph: `score` signed as it counts in the total (a 扣分项/减分项 row written "1" counts −1).
 * `label` the row's or heading's name ("加分项", "扣分项"), absent for narratives read before labels were kept.
 */
export const AdjustmentSchema = BonusSchema.extend({ label: z.string().optional() });
export type Adjustment = z.infer<typeof AdjustmentSchema>;

export const StatedTotalSchema = z.object({
  value: z.number(),
  line: z.number().int().positive(),
  text: z.string(),
});

/**
 * One row of the national target form's budget block (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分).
 * Figures are decimal text as written (万元; `rate` in percent without the "%"), null when the cell is empty.
 */
export const BudgetRowSchema = z.object({
  label: z.string(), // "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金"
  kind: z.enum(['total', 'fiscal', 'carryover', 'other']),
  initial: z.string().nullable(),
  full: z.string().nullable(),
  executed: z.string().nullable(),
  rate: z.string().nullable(),
  weight: z.string().nullable(),
  score: z.string().nullable(),
  line: z.number().int().positive(),
  location: DocumentLocationSchema.optional(),
});
export type BudgetRow = z.infer<typeof BudgetRowSchema>;

export const BudgetBlockSchema = z.object({
  line: z.number().int().positive(), // the block's header row
  rows: z.array(BudgetRowSchema),
  indicatorId: z.string().nullable(), // the scored indicator the block became (e.g. "预算执行率")
});
export type BudgetBlock = z.infer<typeof BudgetBlockSchema>;

export const ReportSchema = z.object({
  title: z.string(),
  department: z.string().nullable(),
  year: z.number().int().nullable(),
  source: z.object({
    name: z.string(), // file name or "<text>"
    format: SourceFormatSchema,
    encoding: z.string(), // "utf-8", "utf-8-bom", "gb18030", "binary" (docx/pdf/xlsx)
    ocr: z.boolean().optional(), // true: the text came from OCR of a scan; findings must say so
  }),
  lines: z.array(z.string()), // the original input lines (after decoding/extraction), 0-based array, 1-based in locations
  // Where each line came from (Document.lineLocations); absent on reports built before the document model.
  lineLocations: z.array(DocumentLocationSchema).optional(),
  paragraphs: z.array(ParagraphSchema),
  sections: z.array(SectionSchema),
  indicators: z.array(IndicatorNodeSchema), // level-1 blocks with their children
  bonus: BonusSchema.nullable(), // 加减分项: with several rows, their sum (score) at the first row's line
  // Every 加减分 row or paragraph, in report order (absent on reports read before; `bonus` is their sum).
  adjustments: z.array(AdjustmentSchema).optional(),
  statedTotals: z.array(StatedTotalSchema), // every place that states the overall score ("自评结果为 99 分")
  figures: z.array(FigureSchema),
  // The national target form's budget block, when the report has one (read by formula/budget-execution).
  budget: BudgetBlockSchema.optional(),
  // A narrative report with a scored table in it: the table gives `indicators`; the text's own reading is kept here
  // (read by consistency/table-vs-text), never counted in the totals.
  textView: z.object({
    indicators: z.array(IndicatorNodeSchema),
    statedTotals: z.array(StatedTotalSchema),
    bonus: BonusSchema.nullable(),
  }).optional(),
});
export type Report = z.infer<typeof ReportSchema>;
export type Bonus = z.infer<typeof BonusSchema>;
export type StatedTotal = z.infer<typeof StatedTotalSchema>;

/** A problem met while reading or parsing: Chinese message, where it is. */
export const ParseProblemSchema = z.object({
  code: z.string(), // stable: "empty-file", "binary-file", "not-a-report", "no-scores", "pdf-no-text", …
  message: z.string(), // one clear Chinese sentence
  line: z.number().int().positive().optional(),
});
export type ParseProblem = z.infer<typeof ParseProblemSchema>;

export type ParseResult =
  | { ok: true; report: Report; problems: ParseProblem[] }
  | { ok: false; problems: ParseProblem[] };
