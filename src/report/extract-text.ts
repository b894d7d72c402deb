import type { ParseProblem, SourceFormat } from '../model/index.js';
import { decodeText, looksBinary } from './decode-text.js';
import { problem } from './problems.js';

export type Extraction = { ok: true; text: string; encoding: string } | { ok: false; problem: ParseProblem };

async function docxText(bytes: Uint8Array): Promise<Extraction> {
  const mammoth = await import('mammoth');
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
    return { ok: true, text: result.value, encoding: 'binary' };
  } catch {
    return { ok: false, problem: problem('corrupt-file', { format: 'Word（.docx）' }) };
  }
}

async function pdfText(bytes: Uint8Array): Promise<Extraction> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  try {
    const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    const { text } = await extractText(document, { mergePages: true });
    if (text.replace(/\s/g, '').length < 20) return { ok: false, problem: problem('pdf-no-text') };
    return { ok: true, text, encoding: 'binary' };
  } catch {
    return { ok: false, problem: problem('corrupt-file', { format: 'PDF' }) };
  }
}

/** Text of a txt/md/docx/pdf report; xlsx score tables are read by score-table.ts. */
export async function extractReportText(format: Exclude<SourceFormat, 'xlsx'>, bytes: Uint8Array): Promise<Extraction> {
  if (format === 'docx') return docxText(bytes);
  if (format === 'pdf') return pdfText(bytes);
  if (looksBinary(bytes)) return { ok: false, problem: problem('binary-file') };
  const decoded = decodeText(bytes);
  return { ok: true, text: decoded.text, encoding: decoded.encoding };
}
