import { basename, extname } from 'node:path';
import type { Document, ParseProblem } from '../model/index.js';
import { MAX_REPORT_BYTES, problem } from './problems.js';
import { readText, type ReadResult } from './read-text.js';

export type { ReadResult } from './read-text.js';

type Format = Document['format'];

const FORMATS: Record<string, Format> = { '.txt': 'txt', '.md': 'md', '.docx': 'docx', '.pdf': 'pdf', '.xlsx': 'xlsx' };

const FORMAT_NAMES: Record<Exclude<Format, 'txt' | 'md'>, string> = { docx: 'Word（.docx）', pdf: 'PDF', xlsx: 'Excel（.xlsx）', html: '网页（.html）' };

/** The format a file name's extension says, or the problem that refuses it. */
export function formatOf(name: string): { ok: true; format: Format } | { ok: false; problem: ParseProblem } {
  const extension = extname(name).toLowerCase();
  const format = FORMATS[extension];
  if (format) return { ok: true, format };
  const code = extension === '.doc' ? 'legacy-doc' : extension === '.xls' ? 'legacy-xls' : 'unknown-type';
  return { ok: false, problem: problem(code, { extension: extension || '（无扩展名）' }) };
}

async function readPackaged(name: string, format: Exclude<Format, 'txt' | 'md'>, bytes: Uint8Array): Promise<ReadResult> {
  if (format === 'docx') return (await import('./read-docx.js')).readDocx(name, bytes);
  if (format === 'xlsx') return (await import('./read-xlsx.js')).readXlsx(name, bytes);
  return (await import('./read-pdf.js')).readPdf(name, bytes);
}

function hasText(document: Document): boolean {
  return document.blocks.some((block) =>
    block.kind === 'table' ? block.rows.some((row) => row.some((cell) => cell.text !== '')) : block.text.trim() !== '');
}

/**
 * Read a report file's bytes into the document model, picking the reader by the name's extension. Never throws for bad
 * input: unknown or legacy formats, empty, too large, binary, corrupt and hostile files come back as one problem.
 */
export async function readDocument(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const found = formatOf(name);
  if (!found.ok) return found;
  const { format } = found;
  if (bytes.length === 0) return { ok: false, problem: problem('empty-file') };
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, problem: problem('file-too-large', { size: bytes.length }) };
  const fileName = basename(name);
  if (format === 'txt' || format === 'md') return readText(fileName, format, bytes);
  let result: ReadResult;
  try {
    result = await readPackaged(fileName, format, bytes);
  } catch {
    return { ok: false, problem: problem('corrupt-file', { format: FORMAT_NAMES[format] }) };
  }
  if (result.ok && !hasText(result.document)) return { ok: false, problem: problem('empty-file') };
  return result;
}
