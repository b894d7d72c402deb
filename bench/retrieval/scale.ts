import { createHash } from 'node:crypto';
import type { Database } from '../../src/store/database.js';
import type { Segmenter } from '../../src/knowledge/segment.js';
import { replaceDocuments, type DocumentVersion, type NewChunk } from '../../src/knowledge/document-store.js';

/** A small seeded generator so every run builds the same synthetic corpus. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * Add `count` synthetic chunks to `scope`: each is 3–6 sentences drawn from the real corpus, 50 chunks per document,
 * written 20 documents per transaction (replaceDocuments). Returns the seconds spent (tokenising + writing).
 */
export async function addSyntheticChunks(
  db: Database,
  segmenter: Segmenter,
  sentences: readonly string[],
  scope: string,
  count: number,
  /** Chunks added to `scope` before (document names continue after them). */
  offset = 0,
): Promise<number> {
  const next = random(count + offset);
  const started = performance.now();
  let pending: DocumentVersion[] = [];
  const first = Math.ceil(offset / 50);
  for (let doc = first; (doc - first) * 50 < count; doc++) {
    const chunks: NewChunk[] = [];
    for (let i = 0; i < 50 && (doc - first) * 50 + i < count; i++) {
      const n = 3 + Math.floor(next() * 4);
      const text = Array.from({ length: n }, () => sentences[Math.floor(next() * sentences.length)]!).join('');
      chunks.push({
        sectionPath: [`合成章节${i}`],
        text,
        lineStart: i + 1,
        lineEnd: i + 1,
        contentHash: createHash('sha256').update(`${scope}:${doc}:${i}:${text}`).digest('hex'),
        tokens: segmenter.indexTokens(text),
        length: 0,
      });
      chunks[chunks.length - 1]!.length = chunks[chunks.length - 1]!.tokens.length;
    }
    pending.push({
      document: { scope, source: `synthetic-${doc}.md`, title: `合成文档${doc}`, kind: 'document', originPath: `/synthetic/${scope}/${doc}`,
        contentHash: String(doc), department: null, year: null },
      chunks,
      indicators: [],
    });
    if (pending.length === 20) {
      await replaceDocuments(db, pending);
      pending = [];
    }
  }
  await replaceDocuments(db, pending);
  return (performance.now() - started) / 1000;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}
