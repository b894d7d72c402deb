import type { Report, Rubric } from '../../model/index.js';
import { matchRubric } from '../../rubric/match-rubric.js';
import type { FiguresData } from '../workbook/figures-data.js';
import { readFiguresWorkbook, type WorkbookProblem } from '../workbook/read-workbook.js';
import { figuresFromReport } from '../workbook/report-to-figures.js';
import { composeFullReport, type FullDraft } from './compose-full-report.js';
import { renderDocx } from './render-docx.js';
import { renderMarkdown } from './render-markdown.js';

export type DraftFileFormat = 'docx' | 'md';

export interface DraftFile {
  draft: FullDraft;
  bytes: Buffer;
  format: DraftFileFormat;
}

export type DraftFromWorkbook = { ok: true; file: DraftFile; data: FiguresData } | { ok: false; problems: WorkbookProblem[] };

/** Render a composed draft in the asked format. */
export async function renderDraft(draft: FullDraft, format: DraftFileFormat): Promise<Buffer> {
  return format === 'docx' ? renderDocx(draft.blocks, draft.title) : Buffer.from(renderMarkdown(draft.blocks), 'utf8');
}

/** `draft 全文 --figures 数据.xlsx`: read the workbook (every problem with its cell), draft, render. */
export async function draftFromWorkbook(bytes: Uint8Array, rubric: Rubric, format: DraftFileFormat): Promise<DraftFromWorkbook> {
  const reading = await readFiguresWorkbook(bytes);
  if (!reading.ok) return { ok: false, problems: reading.problems };
  const draft = composeFullReport(reading.data, rubric);
  return { ok: true, data: reading.data, file: { draft, bytes: await renderDraft(draft, format), format } };
}

/** `draft 全文 --report 报告`: the report's own content laid out again in the standard structure. */
export async function draftFromReport(report: Report, rubric: Rubric, format: DraftFileFormat): Promise<DraftFile> {
  const data = figuresFromReport(report, matchRubric(report, rubric));
  const draft = composeFullReport(data, rubric);
  return { draft, bytes: await renderDraft(draft, format), format };
}
