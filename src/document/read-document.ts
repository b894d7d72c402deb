import { basename, extname } from 'node:path';
import type { Document, ParseProblem } from '../model/index.js';
import type { LegacyFormat } from './convert-office.js';
import { MAX_REPORT_BYTES, problem } from './problems.js';
import { readText, type ReadResult } from './read-text.js';

export type { ReadResult } from './read-text.js';

type Format = Document['format'];
/** What a file name's extension says: a format read directly, or an old/Kingsoft office format converted first. */
type Kind = { format: Format; legacy?: undefined } | { format: 'docx' | 'xlsx'; legacy: LegacyFormat };

const FORMATS: Record<string, Kind> = {
  '.txt': { format: 'txt' }, '.md': { format: 'md' }, '.docx': { format: 'docx' }, '.pdf': { format: 'pdf' }, '.xlsx': { format: 'xlsx' },
  '.html': { format: 'html' }, '.htm': { format: 'html' },
  '.doc': { format: 'docx', legacy: 'doc' }, '.wps': { format: 'docx', legacy: 'wps' },
  '.xls': { format: 'xlsx', legacy: 'xls' }, '.et': { format: 'xlsx', legacy: 'et' },
};

/** Every file extension readDocument reads (old Office and WPS formats through LibreOffice). */
export const READABLE_EXTENSIONS: readonly string[] = Object.keys(FORMATS);

/** The readable extensions as a user is told them: ".txt .md .docx …". */
export const READABLE_LIST = READABLE_EXTENSIONS.join(' ');

/** Whether a file name has an extension readDocument reads. */
export function isReadableName(name: string): boolean {
  return Object.hasOwn(FORMATS, extname(name).toLowerCase());
}

const FORMAT_NAMES: Record<Exclude<Format, 'txt' | 'md'>, string> = { docx: 'Word（.docx）', pdf: 'PDF', xlsx: 'Excel（.xlsx）', html: '网页（.html）' };

/** The format a file name's extension says, or the problem that refuses it. */
export function formatOf(name: string): { ok: true; format: Format; legacy?: LegacyFormat } | { ok: false; problem: ParseProblem } {
  const extension = extname(name).toLowerCase();
  const kind = FORMATS[extension];
  if (kind) return { ok: true, ...kind };
  return { ok: false, problem: problem('unknown-type', { extension: extension || '（无扩展名）' }) };
}

async function readPackaged(name: string, format: Exclude<Format, 'txt' | 'md'>, bytes: Uint8Array): Promise<ReadResult> {
  if (format === 'docx') return (await import('./read-docx.js')).readDocx(name, bytes);
  if (format === 'xlsx') return (await import('./read-xlsx.js')).readXlsx(name, bytes);
  if (format === 'html') return (await import('./read-html.js')).readHtml(name, bytes);
  return (await import('./read-pdf.js')).readPdf(name, bytes);
}

function hasText(document: Document): boolean {
  return document.blocks.some((block) =>
    block.kind === 'table' ? block.rows.some((row) => row.some((cell) => cell.text !== '')) : block.text.trim() !== '');
}

/** Bytes LibreOffice may turn into OOXML: an OLE2 compound file (.doc/.xls/.wps/.et), RTF, or HTML/XML saved as .doc/.xls. */
function convertible(bytes: Uint8Array): boolean {
  const ole = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1].every((b, i) => bytes[i] === b);
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).trimStart();
  return ole || head.startsWith('{\\rtf') || head.startsWith('<');
}

/**
 * A .doc/.wps/.xls/.et: a zip inside (a .docx/.xlsx misnamed) is read as it is; otherwise LibreOffice converts it and the
 * .docx/.xlsx reader reads the result, the Document keeping the original's name and saying what it was converted from.
 */
async function readLegacy(name: string, format: 'docx' | 'xlsx', legacy: LegacyFormat, bytes: Uint8Array): Promise<ReadResult> {
  const code = format === 'docx' ? 'legacy-doc' : 'legacy-xls';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readPackaged(name, format, bytes);
  if (!convertible(bytes)) return { ok: false, problem: problem(code, { extension: `.${legacy}`, reason: 'failed' }) };
  const { convertWithLibreOffice } = await import('./convert-office.js');
  const converted = await convertWithLibreOffice(legacy, bytes);
  if (!converted.ok) return { ok: false, problem: problem(code, { extension: `.${legacy}`, reason: converted.reason }) };
  const result = await readPackaged(name, format, converted.bytes);
  return result.ok ? { ok: true, document: { ...result.document, original: { format: legacy, via: 'libreoffice' } } } : result;
}

/**
 * Read a report file's bytes into the document model, picking the reader by the name's extension. Never throws for bad
 * input: unknown formats, empty, too large, binary, corrupt and hostile files come back as one problem.
 */
export async function readDocument(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const found = formatOf(name);
  if (!found.ok) return found;
  const { format, legacy } = found;
  if (bytes.length === 0) return { ok: false, problem: problem('empty-file') };
  if (bytes.length > MAX_REPORT_BYTES) return { ok: false, problem: problem('file-too-large', { size: bytes.length }) };
  const fileName = basename(name);
  if (format === 'txt' || format === 'md') return readText(fileName, format, bytes);
  let result: ReadResult;
  try {
    result = legacy ? await readLegacy(fileName, format as 'docx' | 'xlsx', legacy, bytes) : await readPackaged(fileName, format, bytes);
  } catch {
    return { ok: false, problem: problem('corrupt-file', { format: legacy ? `.${legacy}` : FORMAT_NAMES[format] }) };
  }
  if (result.ok && !hasText(result.document)) return { ok: false, problem: problem('empty-file') };
  return result;
}
