import type { FolderEntry } from '../checks/format/check-result.js';
import type { OutputFormat } from '../checks/format/render-check-result.js';
import type { SummaryCells } from '../checks/format/summary.js';
import type { Rubric } from '../model/index.js';
import type { LoadedFile } from '../report/parse-report.js';
import { checkFile } from './check-file.js';

/** What a folder check needs besides the findings: the output format, a summary workbook, annotated copies. */
export interface BatchNeeds {
  format: OutputFormat;
  summary: boolean;
  /** Folder for annotated copies (check 文件夹 --annotate 目录). */
  annotateDir?: string;
}

/**
 * One checked file as the folder outputs need it, in plain values: the row of the text or Markdown table, the file's
 * JSON, the summary workbook rows. Made where the file was checked (a worker thread), so the report and its findings
 * are let go there and only these rows travel.
 */
export interface BatchRow {
  index: number;
  file: string;
  checked: boolean;
  hasErrors: boolean;
  text?: string[];
  markdown?: string;
  json?: string;
  summary?: SummaryCells;
  findings?: SummaryCells[];
}

export async function rowOfEntry(index: number, entry: FolderEntry, needs: BatchNeeds): Promise<BatchRow> {
  const row: BatchRow = {
    index, file: entry.file, checked: 'result' in entry, hasErrors: 'result' in entry && entry.result.findings.some((f) => f.severity === 'error'),
  };
  if (needs.format === 'text') row.text = (await import('../checks/format/text.js')).folderTextCells(entry);
  if (needs.format === 'markdown') row.markdown = (await import('../checks/format/markdown.js')).folderMarkdownLine(entry);
  if (needs.format === 'json') row.json = JSON.stringify((await import('../checks/format/json.js')).folderJsonFile(entry), null, 2);
  if (needs.summary) {
    const { summaryRowOf, findingRowsOf } = await import('../checks/format/summary.js');
    row.summary = summaryRowOf(entry);
    row.findings = findingRowsOf(entry);
  }
  return row;
}

/** Check one file of a folder and make its row (and its annotated copy when asked); `loaded`: its bytes being read. */
export async function checkBatchFile(index: number, dir: string, file: string, rubric: Rubric, needs: BatchNeeds, loaded?: Promise<LoadedFile>): Promise<BatchRow> {
  const { join, parse } = await import('node:path');
  const outcome = await checkFile(join(dir, file), rubric, loaded);
  const entry: FolderEntry = outcome.ok ? { file, result: outcome.result } : { file, problem: outcome.message };
  if (needs.annotateDir && outcome.ok) {
    const { writeAnnotated } = await import('./commands/check-outputs.js');
    const { annotatedExtension } = await import('../checks/annotate/annotate-file.js');
    await writeAnnotated(join(dir, file), outcome.result, join(needs.annotateDir, `${parse(file).name}-批注版${annotatedExtension(file)}`));
  }
  return rowOfEntry(index, entry, needs);
}
