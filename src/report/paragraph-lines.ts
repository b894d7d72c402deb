import type { Paragraph } from '../model/index.js';

type Segment = Paragraph['segments'][number];

/** The segment (original line) that holds character `offset` of a paragraph's normalised text. */
export function segmentAtOffset(paragraph: Pick<Paragraph, 'segments' | 'line'>, offset: number): Segment {
  let found: Segment = paragraph.segments[0] ?? { line: paragraph.line, offset: 0 };
  for (const segment of paragraph.segments) {
    if (segment.offset > offset) break;
    found = segment;
  }
  return found;
}

/** The original 1-based line that holds character `offset` of a paragraph's normalised text. */
export function lineAtOffset(paragraph: Pick<Paragraph, 'segments' | 'line'>, offset: number): number {
  return segmentAtOffset(paragraph, offset).line;
}
