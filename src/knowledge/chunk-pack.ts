/** A passage of one section: its text and where it sits in the original file. */
export interface ChunkDraft {
  sectionPath: string[];
  text: string;
  lineStart: number;
  lineEnd: number;
}

/** A block of prose (paragraph, list) with the original line of any character offset. */
export interface ProseBlock {
  text: string;
  lineAt(offset: number): number;
}

export const CHUNK_MIN = 300;
export const CHUNK_MAX = 600;
const OVERLAP_MAX = 150;
const TAIL_MERGE = 120; // a last piece shorter than this joins the previous chunk instead of standing alone

interface Sentence {
  text: string;
  separator: '' | '\n';
  lineStart: number;
  lineEnd: number;
}

/** Split after 。！？； (and closing quotes/brackets right after), and at line breaks. */
const SENTENCE_END = /[。！？；!?;][”’」』）)]*|\n/gu;

function sentencesOf(block: ProseBlock, firstSeparator: '' | '\n'): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let separator = firstSeparator;
  const push = (end: number, next: '' | '\n') => {
    const raw = block.text.slice(start, end);
    const text = raw.replace(/^\s+|\s+$/g, '');
    if (text) {
      const lead = start + raw.length - raw.trimStart().length;
      for (const [offset, piece] of windowsOf(text)) {
        const at = lead + offset;
        out.push({ text: piece, separator, lineStart: block.lineAt(at), lineEnd: block.lineAt(at + piece.length - 1) });
        separator = '';
      }
      separator = next;
    } else if (next === '\n') {
      separator = '\n';
    }
  };
  for (const match of block.text.matchAll(SENTENCE_END)) {
    const isBreak = match[0] === '\n';
    push(isBreak ? match.index : match.index + match[0].length, isBreak ? '\n' : '');
    start = match.index + match[0].length;
  }
  push(block.text.length, '');
  return out;
}

/** A sentence longer than CHUNK_MAX is cut into windows, preferably after a comma. */
function windowsOf(text: string): [number, string][] {
  const out: [number, string][] = [];
  let offset = 0;
  while (text.length - offset > CHUNK_MAX) {
    const window = text.slice(offset, offset + CHUNK_MAX);
    const comma = Math.max(window.lastIndexOf('，'), window.lastIndexOf('、'), window.lastIndexOf(','));
    const cut = comma > CHUNK_MIN ? comma + 1 : CHUNK_MAX;
    out.push([offset, text.slice(offset, offset + cut)]);
    offset += cut;
  }
  out.push([offset, text.slice(offset)]);
  return out;
}

/**
 * Pack a section's prose into chunks of about CHUNK_MIN–CHUNK_MAX characters, cutting only between sentences, with the
 * last sentence of a chunk repeated at the start of the next one when the section continues (a little overlap).
 */
export function packProse(sectionPath: string[], blocks: readonly ProseBlock[]): ChunkDraft[] {
  const sentences = blocks.flatMap((block, index) => sentencesOf(block, index === 0 ? '' : '\n'));
  const chunks: ChunkDraft[] = [];
  let current: Sentence[] = [];
  const length = (list: Sentence[]) => list.reduce((n, s) => n + s.text.length + s.separator.length, 0);
  const flush = () => {
    if (current.length === 0) return;
    chunks.push(draftOf(sectionPath, current));
  };
  sentences.forEach((sentence, index) => {
    const size = length(current);
    const rest = sentences.slice(index).reduce((n, s) => n + s.text.length, 0);
    const tooBig = size + sentence.text.length > CHUNK_MAX;
    const tailFits = rest < TAIL_MERGE && size + rest <= CHUNK_MAX + TAIL_MERGE;
    if (current.length > 0 && tooBig && !tailFits) {
      flush();
      const last = current[current.length - 1]!;
      current = last.text.length <= OVERLAP_MAX && size > last.text.length ? [{ ...last, separator: '' }] : [];
    }
    current.push(current.length === 0 ? { ...sentence, separator: '' } : sentence);
  });
  flush();
  return chunks;
}

function draftOf(sectionPath: string[], sentences: Sentence[]): ChunkDraft {
  return {
    sectionPath,
    text: sentences.map((s, i) => (i === 0 ? '' : s.separator) + s.text).join(''),
    lineStart: Math.min(...sentences.map((s) => s.lineStart)),
    lineEnd: Math.max(...sentences.map((s) => s.lineEnd)),
  };
}

/** A Markdown table: header and separator lines, then one line per row. */
export interface TableBlock {
  header: string;
  separator: string | undefined;
  rows: { text: string; line: number }[];
  headerLine: number;
}

/** Rows grouped up to CHUNK_MAX characters, each chunk starting with the table's header row again. */
export function packTable(sectionPath: string[], table: TableBlock): ChunkDraft[] {
  const head = table.separator ? `${table.header}\n${table.separator}` : table.header;
  if (table.rows.length === 0) {
    return [{ sectionPath, text: head, lineStart: table.headerLine, lineEnd: table.headerLine }];
  }
  const chunks: ChunkDraft[] = [];
  let rows: TableBlock['rows'] = [];
  const flush = () => {
    if (rows.length === 0) return;
    chunks.push({
      sectionPath,
      text: [head, ...rows.map((r) => r.text)].join('\n'),
      lineStart: chunks.length === 0 ? table.headerLine : rows[0]!.line,
      lineEnd: rows[rows.length - 1]!.line,
    });
    rows = [];
  };
  for (const row of table.rows) {
    const size = head.length + rows.reduce((n, r) => n + r.text.length + 1, 0);
    if (rows.length > 0 && size + row.text.length > CHUNK_MAX) flush();
    rows.push(row);
  }
  flush();
  return chunks;
}
