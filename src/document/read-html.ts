import type { DefaultTreeAdapterMap } from 'parse5';
import type { TableCell } from '../model/index.js';
import { buildLineView, type PendingBlock } from './line-view.js';
import type { ReadResult } from './read-text.js';

/**
 * A saved or exported web page (.html/.htm) — a report on a government portal, or Word/WPS "save as web page": the
 * article's main content without navigation, header, footer and scripts; headings h1–h6, paragraphs, and tables with
 * rowspan/colspan resolved (a covered cell repeats its master's text with `merged: true`). Parsed by parse5 (the
 * WHATWG algorithm, so broken markup reads as a browser shows it).
 */

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Largest rowspan/colspan honoured (a forged span must not allocate millions of cells). */
const MAX_SPAN = 256;
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'nav', 'aside', 'form', 'iframe', 'select', 'button', 'svg', 'head']);
/** Page header and footer: skipped in the whole page, kept inside an article (where <header> holds its title). */
const PAGE_FURNITURE = new Set(['header', 'footer']);
const BLOCKS = new Set(['p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'center', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'br', 'hr', 'body', 'figure', 'figcaption', 'caption']);
/** Class or id of page furniture on portal pages. */
const FURNITURE = /(^|[\s_-])(nav|navbar|menu|breadcrumb|crumb|footer|sidebar|share|copyright|toolbar|topbar|banner|search|login|pagination|related|friend-?links?)([\s_-]|$)/i;
/** Class or id of the article body on portal pages (TRS_Editor, zoom, article-content, pages_content …). */
const CONTENT = /trs_editor|(^|[\s_-])(zoom|content|article|main|detail|text|body|con|wenzhang|zw)([\s_-]|$)/i;
const ROLES_SKIPPED = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary']);

function isElement(node: Node): node is Element {
  return 'tagName' in node;
}

function attribute(element: Element, name: string): string {
  return element.attrs.find((a) => a.name === name)?.value ?? '';
}

function children(node: Node): Node[] {
  const inner = (node as Element).tagName === 'template' ? [] : (node as { childNodes?: Node[] }).childNodes ?? [];
  return inner;
}

let inArticle = false;

function skipped(element: Element): boolean {
  if (SKIPPED.has(element.tagName) || ROLES_SKIPPED.has(attribute(element, 'role'))) return true;
  if (!inArticle && PAGE_FURNITURE.has(element.tagName)) return true;
  if (attribute(element, 'hidden') !== '' || /display\s*:\s*none/i.test(attribute(element, 'style'))) return true;
  return FURNITURE.test(`${attribute(element, 'class')} ${attribute(element, 'id')}`);
}

/** Visible text of a subtree (furniture left out), whitespace collapsed, a line break for <br> and block ends. */
function textOf(node: Node): string {
  if (node.nodeName === '#text') return (node as DefaultTreeAdapterMap['textNode']).value;
  if (!isElement(node) && node.nodeName !== '#document' && node.nodeName !== '#document-fragment') return '';
  if (isElement(node) && skipped(node)) return '';
  if (isElement(node) && node.tagName === 'br') return '\n';
  const inner = children(node).map(textOf).join('');
  return isElement(node) && BLOCKS.has(node.tagName) ? `\n${inner}\n` : inner;
}

function clean(text: string): string {
  return text.split('\n').map((line) => line.replace(/[\s\u00a0\u3000]+/g, ' ').trim()).filter((line) => line !== '').join('\n');
}

function textLength(node: Node): number {
  return clean(textOf(node)).replace(/\s/g, '').length;
}

function find(node: Node, test: (element: Element) => boolean, out: Element[] = []): Element[] {
  for (const child of children(node)) {
    if (!isElement(child)) continue;
    if (test(child)) out.push(child);
    if (!skipped(child)) find(child, test, out);
  }
  return out;
}

/**
 * The element holding the article: <main> or <article> when the page has one, else the content-named element with
 * the most text (when it holds a fair share of the page's text), else <body>.
 */
function mainContent(root: Node): Node {
  const body = find(root, (e) => e.tagName === 'body')[0] ?? root;
  const marked = find(body, (e) => e.tagName === 'main' || e.tagName === 'article' || attribute(e, 'role') === 'main');
  const total = textLength(body);
  const best = (list: Element[]) => list.map((e) => ({ e, n: textLength(e) })).sort((a, b) => b.n - a.n)[0];
  const landmark = best(marked);
  if (landmark && landmark.n >= 0.3 * total) return landmark.e;
  const named = best(find(body, (e) => CONTENT.test(`${attribute(e, 'class')} ${attribute(e, 'id')}`)));
  if (named && named.n >= 0.3 * total) return named.e;
  return body;
}

function span(element: Element, name: string): number {
  const value = Number.parseInt(attribute(element, name), 10);
  return Number.isInteger(value) && value > 0 ? Math.min(value, MAX_SPAN) : 1;
}

function rowsOf(table: Element): Element[] {
  const rows: Element[] = [];
  for (const child of children(table)) {
    if (!isElement(child)) continue;
    if (child.tagName === 'tr') rows.push(child);
    else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') rows.push(...children(child).filter(isElement).filter((e) => e.tagName === 'tr'));
  }
  return rows;
}

/** A table's grid with rowspan/colspan resolved: covered cells copy the master's text with `merged: true`. */
function tableCells(table: Element, index: number): TableCell[][] {
  const grid: (TableCell | undefined)[][] = [];
  rowsOf(table).forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of children(row).filter(isElement).filter((e) => e.tagName === 'td' || e.tagName === 'th')) {
      while (grid[r]![c]) c += 1;
      const text = clean(textOf(cell));
      const [rows, columns] = [span(cell, 'rowspan'), span(cell, 'colspan')];
      for (let dr = 0; dr < rows; dr += 1) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < columns; dc += 1) {
          const location = { table: index, row: r + dr + 1, column: c + dc + 1 };
          grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? { text, location } : { text, location, merged: true };
        }
      }
      c += columns;
    }
  });
  const rowCount = rowsOf(table).length;
  const width = Math.max(0, ...grid.slice(0, rowCount).map((row) => row.length));
  return grid.slice(0, rowCount).map((row, r) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '', location: { table: index, row: r + 1, column: c + 1 } }));
}

/** Walk the content: headings, paragraphs (runs of inline text between blocks) and tables, in order. */
function blocksOf(root: Node): PendingBlock[] {
  const blocks: PendingBlock[] = [];
  let paragraph = 0;
  let tables = 0;
  let pending = '';
  const flush = () => {
    for (const line of clean(pending).split('\n')) {
      if (line === '') continue;
      paragraph += 1;
      blocks.push({ kind: 'paragraph', text: line, location: { paragraph } });
    }
    pending = '';
  };
  const walk = (node: Node) => {
    if (node.nodeName === '#text') {
      pending += (node as DefaultTreeAdapterMap['textNode']).value;
      return;
    }
    if (!isElement(node)) return;
    if (skipped(node)) return;
    const tag = node.tagName;
    if (tag === 'table') {
      flush();
      tables += 1;
      const rows = tableCells(node, tables);
      if (rows.length > 0) blocks.push({ kind: 'table', rows, name: null, location: { table: tables }, rowLocations: rows.map((_, r) => ({ table: tables, row: r + 1 })) });
      return;
    }
    const heading = /^h([1-6])$/.exec(tag);
    if (heading) {
      flush();
      const text = clean(textOf(node)).replace(/\n/g, ' ');
      if (text !== '') {
        paragraph += 1;
        blocks.push({ kind: 'heading', text, level: Number(heading[1]), location: { paragraph } });
      }
      return;
    }
    if (tag === 'br') {
      pending += '\n';
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (const child of children(node)) walk(child);
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks;
}

/** The page's declared character set (<meta charset> or http-equiv), looked for in its first 4 KB. */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? null;
}

function decodeHtml(bytes: Uint8Array): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  const declared = declaredCharset(bytes);
  const label = declared && /^(gb2312|gbk|gb18030|x-gbk)$/.test(declared) ? 'gb18030' : declared;
  if (label && label !== 'utf-8' && label !== 'utf8') {
    try {
      return { text: new TextDecoder(label).decode(bytes), encoding: label };
    } catch {
      // unknown label: fall through
    }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
}

export async function readHtml(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const { parse } = await import('parse5');
  const { text, encoding } = decodeHtml(bytes);
  inArticle = false;
  const root = mainContent(parse(text));
  inArticle = (root as Element).tagName !== 'body';
  return { ok: true, document: { name, format: 'html', encoding, ...buildLineView(blocksOf(root)) } };
}
