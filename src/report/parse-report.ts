import { readFile, stat } from 'node:fs/promises';
import type { Document, ParseProblem, ParseResult, SourceFormat } from '../model/index.js';
import { readDocument } from '../document/read-document.js';
import { textBlocks, textLines } from '../document/read-text.js';
import { parseDocument } from './parse-document.js';
import { MAX_REPORT_BYTES, problem } from './problems.js';

export interface SourceInfo {
  name?: string;
  format?: SourceFormat;
  encoding?: string;
}

/** A text (already decoded) as a Document: its lines exactly, one paragraph per non-blank line, pipe tables as tables. */
export function textDocument(text: string, source: SourceInfo = {}): Document {
  const lines = textLines(text);
  const format = source.format === 'md' ? 'md' : source.format ?? 'txt';
  return {
    name: source.name ?? '<text>',
    format,
    encoding: source.encoding ?? 'utf-8',
    blocks: format === 'txt' || format === 'md' ? textBlocks(lines) : lines.flatMap((l, i) => (l.trim() === '' ? [] : [{ kind: 'paragraph' as const, text: l.trim(), location: { line: i + 1 }, line: i + 1 }])),
    lines,
    lineLocations: lines.map((_, i) => ({ line: i + 1 })),
  };
}

/** Parse report text (already decoded) into the typed model. Never throws for bad input. */
export function parseReportText(text: string, source: SourceInfo = {}): ParseResult {
  return parseDocument(textDocument(text, source));
}

/** Read a report from bytes: the document reader picked by the name's extension, then the recognisers. Never throws for bad input. */
export async function readReportBytes(name: string, bytes: Uint8Array): Promise<ParseResult> {
  const read = await readDocument(name, bytes);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  return parseDocument(read.document);
}

/** A report file's bytes, read with the same refusals as readReportFile (a folder, too large, missing, unreadable). */
export type LoadedFile = { ok: true; bytes: Uint8Array } | { ok: false; problems: ParseProblem[] };

/** Read a report file's bytes (I/O only: nothing is parsed). Never throws for bad input. */
export async function loadReportFile(path: string): Promise<LoadedFile> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return { ok: false, problems: [problem('is-directory', { path })] };
    if (info.size > MAX_REPORT_BYTES) return { ok: false, problems: [problem('file-too-large', { size: info.size })] };
    return { ok: true, bytes: await readFile(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file-not-found' : 'unreadable-file';
    return { ok: false, problems: [problem(code, { path })] };
  }
}

/**
 * Read and parse a report file. Never throws for bad input; infrastructure errors become problems too. `loaded`: its
 * bytes already being read (loadReportFile), so that reading the next file overlaps checking this one.
 */
export async function readReportFile(path: string, loaded: Promise<LoadedFile> = loadReportFile(path)): Promise<ParseResult> {
  const file = await loaded;
  if (!file.ok) return { ok: false, problems: file.problems };
  try {
    return await readReportBytes(path, file.bytes);
  } catch {
    return { ok: false, problems: [problem('unreadable-file', { path })] };
  }
}
