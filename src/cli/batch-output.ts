import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { OutputFormat } from '../checks/format/render-check-result.js';
import type { SummaryCells } from '../checks/format/summary.js';
import type { BatchRow } from './batch-row.js';

/**
 * The outputs of a folder check, fed one row at a time in file order: stdout (the text table at the end — it aligns
 * its columns over every row, a few short strings per report —, Markdown and JSON as they come) and the summary
 * workbook, whose rows wait in two temporary JSON-lines files until the run ends and then stream into the .xlsx.
 * Nothing here keeps a report or its findings.
 */
export class BatchOutput {
  private readonly textRows: string[][] = [];
  private rows = 0;
  private checked = 0;
  private errors = false;
  private readonly spool: { dir: string; summary: WriteStream; findings: WriteStream } | undefined;

  constructor(
    private readonly format: OutputFormat,
    private readonly out: NodeJS.WritableStream,
    summary: boolean,
  ) {
    if (summary) {
      const dir = mkdtempSync(join(tmpdir(), 'selfeval-summary-'));
      this.spool = { dir, summary: createWriteStream(join(dir, 'summary.jsonl')), findings: createWriteStream(join(dir, 'findings.jsonl')) };
      // The workbook writer (exceljs, ≈0.3 s to load) loads while the files are checked, not after the last one.
      void import('../checks/format/summary.js').then(() => import('exceljs')).catch(() => undefined);
    }
  }

  /** Whether some file had an error finding or could not be checked (exit code 1). */
  get failed(): boolean {
    return this.errors || this.checked < this.rows;
  }

  get checkedCount(): number {
    return this.checked;
  }

  async add(row: BatchRow): Promise<void> {
    if (this.format === 'markdown') {
      const { FOLDER_MARKDOWN_HEAD } = await import('../checks/format/markdown.js');
      await write(this.out, `${this.rows === 0 ? FOLDER_MARKDOWN_HEAD : ''}${row.markdown!}\n`);
    } else if (this.format === 'json') {
      const indented = row.json!.replace(/^/gmu, '    ');
      await write(this.out, `${this.rows === 0 ? '{\n  "files": [\n' : ',\n'}${indented}`);
    } else {
      this.textRows.push(row.text!);
    }
    this.rows += 1;
    if (row.checked) this.checked += 1;
    if (row.hasErrors) this.errors = true;
    if (this.spool) {
      await write(this.spool.summary, `${JSON.stringify(row.summary)}\n`);
      if (row.findings!.length > 0) await write(this.spool.findings, `${row.findings!.map((f) => JSON.stringify(f)).join('\n')}\n`);
    }
  }

  /** Close stdout's document; write the summary workbook when asked (returns its report count). */
  async finish(summaryPath?: string): Promise<void> {
    if (this.format === 'json') await write(this.out, '\n  ]\n}\n');
    if (this.format === 'text') {
      const { folderTextTable } = await import('../checks/format/text.js');
      await write(this.out, folderTextTable(this.textRows, this.rows, this.checked));
    }
    if (!this.spool) return;
    try {
      this.spool.summary.end();
      this.spool.findings.end();
      await Promise.all([once(this.spool.summary, 'close'), once(this.spool.findings, 'close')]);
      if (summaryPath) {
        const { writeSummaryWorkbook } = await import('../checks/format/summary.js');
        await writeSummaryWorkbook({ filename: summaryPath }, readRows(join(this.spool.dir, 'summary.jsonl')), readRows(join(this.spool.dir, 'findings.jsonl')));
      }
    } finally {
      rmSync(this.spool.dir, { recursive: true, force: true });
    }
  }
}

async function* readRows(path: string): AsyncGenerator<SummaryCells> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) if (line !== '') yield JSON.parse(line) as SummaryCells;
}

/** Write with backpressure: wait for 'drain' when the stream's buffer is full. */
async function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
