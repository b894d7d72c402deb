import type { Paragraph } from '../model/index.js';

/** The original 1-based line that holds character `offset` of a paragraph's normalised text. */
export function lineAtOffset(paragraph: Pick<Paragraph, 'segments' | 'line'>, offset: number): number {
  let line = paragraph.line;
  for (const segment of paragraph.segments) {
    if (segment.offset > offset) break;
    line = segment.line;
  }
  return line;
}
