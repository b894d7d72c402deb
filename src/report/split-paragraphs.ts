import type { Paragraph } from '../model/index.js';
import { parseHeading, type Heading } from './heading.js';
import { normalizeLine } from './normalize-line.js';

export interface Layout {
  headings: Heading[];
  paragraphs: Paragraph[];
}

const TERMINAL = /[。！？；]$/u;
const METADATA = /^[^，。；]{1,10}：/u;

/** A "key：value" line ("部门名称：某局") is never continued; prose that starts "评分标准：…。…" is not one. */
function isMetadata(text: string): boolean {
  return METADATA.test(text) && !/[。！？；]/u.test(text.slice(0, -1));
}
const STARTS_PARAGRAPH = /^(自评得分|得分|一是|二是|三是|四是|五是|六是|七是|八是|九是|十是)/u;

export interface LayoutOptions {
  /** Lines that are not running text (table rows): they end the open paragraph and are skipped. */
  barriers?: ReadonlySet<number>;
  /** Lines the format marks as headings (docx heading styles), with their level: headings even without a marker. */
  headingLevels?: ReadonlyMap<number, number>;
}

/** A Markdown ATX heading: "## 一、预算编制（28分）". */
const MARKDOWN_HEADING = /^(#{1,6})\s*([^#\s].*?)\s*#*$/u; // normalising drops the space before Han text

/** A heading the format marks (docx Heading 2) whose text has no numbering marker. */
function styledHeading(text: string, line: number, level: number): Heading | null {
  if (text.length > 60 || /[。；]$/u.test(text)) return null;
  return { marker: '', level, title: text.replace(/[。．.]$/u, '').trim(), body: '', bodyOffset: text.length, line };
}

/**
 * Turn original lines into headings and paragraphs. Lines cut by page breaks (a text line that does not end a sentence,
 * followed, after blank lines, by more text) are rejoined; every paragraph keeps the map back to its original lines.
 */
export function splitParagraphs(lines: readonly string[], options: LayoutOptions = {}): Layout {
  const headings: Heading[] = [];
  const paragraphs: Paragraph[] = [];
  const stack: Heading[] = [];
  let open: Paragraph | null = null;

  const sectionPath = () => stack.map((h) => h.title);
  const close = () => {
    if (open) paragraphs.push(open);
    open = null;
  };
  const start = (text: string, line: number) => {
    open = { text, line, endLine: line, sectionPath: sectionPath(), segments: [{ line, offset: 0 }] };
  };

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (options.barriers?.has(line)) {
      close();
      return;
    }
    const text = normalizeLine(raw);
    if (text === '') return;
    const markdown = MARKDOWN_HEADING.exec(text);
    const styledLevel = options.headingLevels?.get(line) ?? (markdown ? markdown[1]!.length : undefined);
    const own = markdown ? markdown[2]!.replace(/^\*\*(.*)\*\*$/u, '$1').trim() : text;
    const heading = parseHeading(own, line) ?? (styledLevel === undefined ? null : styledHeading(own, line, styledLevel));
    if (heading) {
      close();
      while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
      stack.push(heading);
      headings.push(heading);
      if (heading.body !== '') start(heading.body, line);
      return;
    }
    const current = open as Paragraph | null;
    const continues =
      current !== null &&
      headings.length > 0 &&
      !TERMINAL.test(current.text) &&
      !isMetadata(current.text) &&
      !METADATA.test(text) &&
      !STARTS_PARAGRAPH.test(text);
    if (current && continues) {
      current.segments.push({ line, offset: current.text.length });
      current.text += text;
      current.endLine = line;
      return;
    }
    close();
    start(text, line);
  });
  close();
  return { headings, paragraphs };
}
