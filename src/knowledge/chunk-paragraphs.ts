import type { Paragraph } from '../model/index.js';
import { lineAtOffset } from '../report/paragraph-lines.js';
import { packProse, type ChunkDraft, type ProseBlock } from './chunk-pack.js';

/**
 * Chunk the parser's paragraphs (a report, or any text laid out with 一、/（一）/1. headings) section by section:
 * consecutive paragraphs under the same headings are packed together, never across a heading.
 */
export function chunkParagraphs(paragraphs: readonly Paragraph[]): ChunkDraft[] {
  const chunks: ChunkDraft[] = [];
  let group: Paragraph[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const blocks: ProseBlock[] = group.map((paragraph) => ({
      text: paragraph.text,
      lineAt: (offset: number) => lineAtOffset(paragraph, offset),
    }));
    chunks.push(...packProse(group[0]!.sectionPath, blocks));
    group = [];
  };
  for (const paragraph of paragraphs) {
    const previous = group[group.length - 1];
    if (previous && previous.sectionPath.join('\u0000') !== paragraph.sectionPath.join('\u0000')) flush();
    group.push(paragraph);
  }
  flush();
  return chunks;
}
