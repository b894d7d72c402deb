import type { DocumentLocation, TableCell } from '../model/index.js';
import { ListNumbering } from './docx-numbering.js';
import { HeadingStyles } from './docx-styles.js';
import { tableGrid } from './docx-table.js';
import { readWordTree, type WordNode } from './docx-tree.js';
import { buildLineView, type PendingBlock } from './line-view.js';
import { mainPartPath, openPackage, packageProblem, readRelationships } from './ooxml-package.js';
import type { ReadResult } from './read-text.js';

const FORMAT = 'Word（.docx）';

/** Text of a run's content, text boxes left out (they become paragraphs of their own). */
function runText(run: WordNode): string {
  let text = '';
  for (const node of run.children) {
    if (node.name === 't') text += node.text;
    else if (node.name === 'tab' || node.name === 'ptab') text += '\t';
    else if (node.name === 'br') text += node.attributes.type === 'page' || node.attributes.type === 'column' ? '' : '\n';
    else if (node.name === 'cr') text += '\n';
    else if (node.name === 'noBreakHyphen') text += '-';
  }
  return text;
}

/** What a paragraph's text depends on besides its runs: heading styles and automatic list numbers. */
export interface WordContext {
  styles: HeadingStyles;
  numbering: ListNumbering;
}

function styleOf(paragraph: WordNode): string | null {
  const properties = paragraph.children.find((n) => n.name === 'pPr');
  return properties?.children.find((n) => n.name === 'pStyle')?.attributes.val ?? null;
}

/** The automatic list number Word shows before the paragraph ("一、", "（二）"), from its own or its style's list. */
function listNumber(paragraph: WordNode, context: WordContext): string {
  const properties = paragraph.children.find((n) => n.name === 'pPr');
  const direct = properties?.children.find((n) => n.name === 'numPr');
  const style = styleOf(paragraph);
  const fromStyle = context.styles.numberingOf(style);
  const numId = direct?.children.find((n) => n.name === 'numId')?.attributes.val ?? fromStyle?.numId ?? null;
  if (numId === null || numId === '0') return '';
  const directLevel = direct?.children.find((n) => n.name === 'ilvl')?.attributes.val;
  const ilvl = directLevel !== undefined ? Number(directLevel)
    : fromStyle?.ilvl ?? (style ? context.numbering.levelOfStyle(numId, style) : null) ?? 0;
  return context.numbering.next(numId, Number.isInteger(ilvl) ? ilvl : 0) ?? '';
}

function paragraphText(paragraph: WordNode, context: WordContext): string {
  const number = listNumber(paragraph, context);
  const text = paragraph.children.filter((n) => n.name === 'r').map(runText).join('').trim();
  return text === '' ? '' : `${number}${text}`;
}

/** Text boxes anchored in a paragraph's runs. */
function textBoxesOf(paragraph: WordNode): WordNode[] {
  return paragraph.children.filter((n) => n.name === 'r').flatMap((run) => run.children.filter((n) => n.name === 'txbxContent'));
}

/** All text of a block container (a cell, a text box): paragraphs one per line, nested tables row by row. */
function flatText(container: WordNode, context: WordContext): string {
  const lines: string[] = [];
  const cellText = (cell: WordNode) => flatText(cell, context);
  for (const node of container.children) {
    if (node.name === 'p') {
      lines.push(paragraphText(node, context));
      for (const box of textBoxesOf(node)) lines.push(flatText(box, context));
    } else if (node.name === 'tbl') {
      for (const row of tableGrid(node, cellText)) lines.push(row.filter((c) => !c.merged).map((c) => c.text).join(' ').trim());
    }
  }
  return lines.filter((line) => line !== '').join('\n').trim();
}

function headingLevel(paragraph: WordNode, styles: HeadingStyles): number | null {
  const properties = paragraph.children.find((n) => n.name === 'pPr');
  const outline = properties?.children.find((n) => n.name === 'outlineLvl');
  if (outline) {
    const level = Number(outline.attributes.val);
    if (Number.isInteger(level)) return level >= 0 && level < 9 ? level + 1 : null;
  }
  return styles.levelOf(styleOf(paragraph));
}

function tableBlock(table: WordNode, index: number, context: WordContext): PendingBlock {
  const rows: TableCell[][] = tableGrid(table, (cell) => flatText(cell, context)).map((cells, r) =>
    cells.map((cell, c) => {
      const out: TableCell = { text: cell.text, location: { table: index, row: r + 1, column: c + 1 } };
      if (cell.merged) out.merged = true;
      return out;
    }));
  const rowLocations: DocumentLocation[] = rows.map((_, r) => ({ table: index, row: r + 1 }));
  return { kind: 'table', rows, name: null, location: { table: index }, rowLocations };
}

/** Blocks of the document body in order: paragraphs (headings by style or outline level), tables, text boxes. */
export function bodyBlocks(root: WordNode, context: WordContext): PendingBlock[] {
  const body = root.children.find((n) => n.name === 'body') ?? root;
  const blocks: PendingBlock[] = [];
  let paragraphs = 0;
  let tables = 0;
  for (const node of body.children) {
    if (node.name === 'p') {
      paragraphs += 1;
      const location = { paragraph: paragraphs };
      const text = paragraphText(node, context);
      const level = text === '' ? null : headingLevel(node, context.styles);
      if (text !== '') blocks.push(level === null ? { kind: 'paragraph', text, location } : { kind: 'heading', text, level, location });
      for (const box of textBoxesOf(node)) {
        const boxText = flatText(box, context);
        if (boxText !== '') blocks.push({ kind: 'paragraph', text: boxText, location });
      }
    } else if (node.name === 'tbl') {
      tables += 1;
      blocks.push(tableBlock(node, tables, context));
    }
  }
  return blocks;
}

/**
 * A .docx report from its document.xml: body paragraphs and headings in order, real tables (gridSpan and vMerge
 * resolved), content controls and text boxes read through. The zip is checked against the bomb limits first.
 */
export async function readDocx(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const opened = openPackage(bytes, FORMAT);
  if (!opened.ok) return opened;
  try {
    const documentPart = await mainPartPath(opened.zip, 'word/document.xml');
    const xml = opened.zip.chunks(documentPart);
    if (xml === null) throw new Error('the package has no document part');
    const relationships = await readRelationships(opened.zip, documentPart);
    const partOf = (type: string, fallback: string) =>
      [...relationships.values()].find((r) => r.type === type && !r.external)?.target ?? fallback;
    const styles = HeadingStyles.parse(await opened.zip.readText(partOf('styles', 'word/styles.xml')));
    const numbering = ListNumbering.parse(await opened.zip.readText(partOf('numbering', 'word/numbering.xml')));
    const view = buildLineView(bodyBlocks(await readWordTree(xml), { styles, numbering }));
    return { ok: true, document: { name, format: 'docx', encoding: 'binary', ...view } };
  } catch (error) {
    return { ok: false, problem: packageProblem(error, FORMAT) };
  }
}
