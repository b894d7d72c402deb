import type { ReadResult } from './read-text.js';
import { buildLineView } from './line-view.js';
import { problem } from './problems.js';

/** Interim: lines of unpdf's page text, until the positioned reader lands. */
export async function readPdf(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  const document = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const { text } = await extractText(document, { mergePages: false });
  if (text.join('').replace(/\s/g, '').length < 20) return { ok: false, problem: problem('pdf-no-text') };
  const pending = text.flatMap((page, p) =>
    page.split('\n').map((t) => t.trim()).filter((t) => t !== '')
      .map((t, i) => ({ kind: 'paragraph' as const, text: t, location: { page: p + 1, line: i + 1 } })));
  return { ok: true, document: { name, format: 'pdf', encoding: 'binary', ...buildLineView(pending) } };
}
