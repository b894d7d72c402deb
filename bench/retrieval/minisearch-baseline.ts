import MiniSearch from 'minisearch';
import type { Passage } from './gold.js';

export interface CorpusChunk extends Passage {
  id: string;
  text: string;
}

/**
 * MiniSearch over the same chunks: with its default tokenizer (splits on spaces and punctuation, so a Chinese
 * sentence is one "word"), or with a given tokenizer (jieba tokens) for both documents and queries.
 */
export function miniSearchRanker(chunks: readonly CorpusChunk[], tokenize?: (text: string) => string[]) {
  const index = new MiniSearch<CorpusChunk & { section: string }>({
    fields: ['title', 'section', 'text'],
    idField: 'id',
    ...(tokenize ? { tokenize } : {}),
    searchOptions: { combineWith: 'OR', ...(tokenize ? { tokenize } : {}) },
  });
  index.addAll(chunks.map((c) => ({ ...c, section: c.sectionPath.join(' ') })));
  const byId = new Map(chunks.map((c) => [c.id, c]));
  return (query: string, k: number): Passage[] =>
    index
      .search(query)
      .slice(0, k)
      .flatMap((hit) => {
        const chunk = byId.get(String(hit.id));
        return chunk ? [chunk] : [];
      });
}
