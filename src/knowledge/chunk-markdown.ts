import { packProse, packTable, type ChunkDraft, type ProseBlock, type TableBlock } from './chunk-pack.js';

export interface MarkdownChunks {
  title: string | undefined;
  chunks: ChunkDraft[];
}

const HEADING = /^(#{1,6})\s+(.+?)\s*#*\s*$/;
const TABLE_LINE = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
const FENCE = /^\s*(```|~~~)/;

/**
 * Chunk a Markdown document along its heading tree. The first `#` heading (or front-matter `title:`) is the document
 * title and is left out of section paths; tables become row groups with their header repeated.
 */
export function chunkMarkdown(text: string): MarkdownChunks {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let title: string | undefined;
  let index = 0;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
    if (end > 0) {
      const found = lines.slice(1, end).map((l) => /^title:\s*["']?(.+?)["']?\s*$/.exec(l)?.[1]).find(Boolean);
      title = found;
      index = end + 1;
    }
  }
  const chunks: ChunkDraft[] = [];
  const stack: { level: number; title: string }[] = [];
  let body: { line: number; text: string }[] = [];
  let inFence = false;

  const flushBody = () => {
    const path = stack.map((s) => s.title);
    chunks.push(...chunkBody(path, body));
    body = [];
  };

  for (; index < lines.length; index++) {
    const raw = lines[index]!;
    const line = index + 1;
    if (FENCE.test(raw)) inFence = !inFence;
    const heading = inFence ? null : HEADING.exec(raw);
    if (!heading) {
      body.push({ line, text: raw });
      continue;
    }
    flushBody();
    const level = heading[1]!.length;
    const headingText = heading[2]!.replace(/[*_`]/g, '').trim();
    if (level === 1 && title === undefined && chunks.length === 0 && stack.length === 0) {
      title = headingText;
      continue;
    }
    while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
    stack.push({ level, title: headingText });
  }
  flushBody();
  return { title, chunks };
}

/** Split a section body into prose blocks and tables, keeping their order. */
function chunkBody(path: string[], body: { line: number; text: string }[]): ChunkDraft[] {
  const out: ChunkDraft[] = [];
  let prose: ProseBlock[] = [];
  let paragraph: { line: number; text: string }[] = [];
  const endParagraph = () => {
    if (paragraph.length > 0) prose.push(blockOf(paragraph));
    paragraph = [];
  };
  const endProse = () => {
    endParagraph();
    if (prose.length > 0) out.push(...packProse(path, prose));
    prose = [];
  };
  for (let i = 0; i < body.length; i++) {
    const current = body[i]!;
    if (TABLE_LINE.test(current.text)) {
      endProse();
      const rows: { line: number; text: string }[] = [];
      for (; i < body.length && TABLE_LINE.test(body[i]!.text); i++) rows.push({ ...body[i]!, text: body[i]!.text.trim() });
      i--;
      out.push(...packTable(path, tableOf(rows)));
    } else if (current.text.trim() === '') {
      endParagraph();
    } else {
      paragraph.push(current);
    }
  }
  endProse();
  return out;
}

function blockOf(lines: { line: number; text: string }[]): ProseBlock {
  const text = lines.map((l) => l.text).join('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.text.length + 1;
  }
  return {
    text,
    lineAt(at: number): number {
      let found = lines[0]!.line;
      starts.forEach((start, k) => {
        if (start <= at) found = lines[k]!.line;
      });
      return found;
    },
  };
}

function tableOf(rows: { line: number; text: string }[]): TableBlock {
  const [header, maybeSeparator, ...rest] = rows;
  const hasSeparator = maybeSeparator !== undefined && TABLE_SEPARATOR.test(maybeSeparator.text);
  return {
    header: header!.text,
    headerLine: header!.line,
    separator: hasSeparator ? maybeSeparator.text : undefined,
    rows: hasSeparator ? rest : maybeSeparator ? [maybeSeparator, ...rest] : rest,
  };
}
