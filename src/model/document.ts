import { z } from 'zod';

/**
 * Where something is in the original input, as a person would find it. Every field is optional; readers fill what the
 * format has:
 * - text (.txt/.md): `line` (1-based line of the file as given), `column` (1-based) where known;
 * - .docx: `paragraph` (1-based index of the body-level `w:p` among the body's paragraphs, in document order, not
 *   counting paragraphs inside tables), or `table` (1-based index of the body-level `w:tbl`) with `row` and `column`
 *   (1-based grid positions after gridSpan/vMerge are resolved); `page` is not known for docx;
 * - .pdf: `page` (1-based), `line` (1-based line on that page, top to bottom), and for table cells `table`/`row`/`column`;
 * - .xlsx: `sheet` (name) and `cell` ("F9"); `row`/`column` as numbers too.
 */
export const DocumentLocationSchema = z.object({
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  page: z.number().int().positive().optional(),
  paragraph: z.number().int().positive().optional(),
  table: z.number().int().positive().optional(),
  row: z.number().int().positive().optional(),
  sheet: z.string().optional(),
  cell: z.string().optional(),
});
export type DocumentLocation = z.infer<typeof DocumentLocationSchema>;

/**
 * One cell of a table, merged cells resolved: a cell covered by a merge repeats the master's text with `merged: true`
 * (so every row has the same number of cells and a 一级指标 merged down five rows is read on all five).
 */
export const TableCellSchema = z.object({
  text: z.string(), // as in the original, whitespace inside kept, trimmed at the ends
  location: DocumentLocationSchema,
  merged: z.boolean().optional(), // true when this cell is covered by another cell's merge (text copied from the master)
});
export type TableCell = z.infer<typeof TableCellSchema>;

export const HeadingBlockSchema = z.object({
  kind: z.literal('heading'),
  text: z.string(),
  level: z.number().int().positive().nullable(), // from the format (docx Heading 1 / outline level); null: decide by text
  location: DocumentLocationSchema,
  line: z.number().int().positive(), // the block's line in Document.lines
});

export const ParagraphBlockSchema = z.object({
  kind: z.literal('paragraph'),
  text: z.string(),
  location: DocumentLocationSchema,
  line: z.number().int().positive(), // the block's line in Document.lines
});

export const TableBlockSchema = z.object({
  kind: z.literal('table'),
  rows: z.array(z.array(TableCellSchema)), // rows × cells, rectangular
  name: z.string().nullable(), // sheet name for xlsx, null elsewhere
  location: DocumentLocationSchema, // { table } / { sheet } / { page, table }
  line: z.number().int().positive(), // Document.lines line of the first row; row r is at line + r
});

export const BlockSchema = z.discriminatedUnion('kind', [HeadingBlockSchema, ParagraphBlockSchema, TableBlockSchema]);
export type HeadingBlock = z.infer<typeof HeadingBlockSchema>;
export type ParagraphBlock = z.infer<typeof ParagraphBlockSchema>;
export type TableBlock = z.infer<typeof TableBlockSchema>;
export type Block = z.infer<typeof BlockSchema>;

/**
 * Every input format read into one tree of blocks. `lines` is the line view the report recognisers and check rules read:
 * for text files exactly the file's lines (so line numbers stay exact); for docx/pdf/xlsx one line per paragraph or
 * heading and one line per table row (cells joined by a tab). `lineLocations[i]` says where line i + 1 came from.
 */
export const DocumentSchema = z.object({
  name: z.string(), // file name without directories, or "<text>"
  format: z.enum(['txt', 'md', 'docx', 'pdf', 'xlsx', 'html']),
  encoding: z.string(), // "utf-8", "utf-8-bom", "gb18030", "binary"
  blocks: z.array(BlockSchema),
  lines: z.array(z.string()),
  lineLocations: z.array(DocumentLocationSchema),
  /** Set when the file was converted before reading (.doc/.wps → docx, .xls/.et → xlsx, by LibreOffice). */
  original: z.object({ format: z.enum(['doc', 'wps', 'xls', 'et']), via: z.literal('libreoffice') }).optional(),
  /** Set when the text came from optical character recognition of a scan: every number must be checked against it. */
  ocr: z.boolean().optional(),
});
export type Document = z.infer<typeof DocumentSchema>;
