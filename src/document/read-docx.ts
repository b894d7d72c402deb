import type { ReadResult } from './read-text.js';
import { buildLineView } from './line-view.js';

/** Interim: paragraphs from mammoth's raw text, until the document.xml reader lands. */
export async function readDocx(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const mammoth = await import('mammoth');
  const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  const paragraphs = result.value.split('\n').map((t) => t.trim()).filter((t) => t !== '');
  const view = buildLineView(paragraphs.map((text, i) => ({ kind: 'paragraph', text, location: { paragraph: i + 1 } })));
  return { ok: true, document: { name, format: 'docx', encoding: 'binary', ...view } };
}
