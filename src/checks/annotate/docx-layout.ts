/**
 * Where paragraphs and table cells are in word/document.xml, found by scanning its tags (no re-serialisation, so the
 * annotated copy keeps every other byte). Numbering follows the document reader (src/document/read-docx.ts):
 * `paragraph` is the 1-based index of the body-level w:p (content controls and other wrappers are see-through,
 * paragraphs inside tables and text boxes do not count); `table` the 1-based body-level w:tbl; `row`/`column` the
 * 1-based row and grid column after gridBefore/gridSpan.
 */
export interface ParagraphSpan {
  start: number; // offset of "<w:p"
  openEnd: number; // offset just after the opening tag (and after w:pPr when present)
  close: number; // offset of "</w:p>" (equal to start for a self-closing <w:p/>)
  selfClosing: boolean;
  text: string; // the w:t text of the paragraph
  bodyIndex: number | null; // 1-based among body-level paragraphs
  runs: RunSpan[]; // the paragraph's own runs (w:r), in order
}

/** A run: where it is in the XML and which part of its paragraph's text it holds. */
export interface RunSpan {
  start: number; // offset of "<w:r"
  end: number; // offset just after "</w:r>"
  textStart: number; // in ParagraphSpan.text
  textEnd: number;
}

export interface CellSpan {
  row: number;
  column: number; // first grid column
  span: number;
  vMerge: 'restart' | 'continue' | null;
  paragraphs: ParagraphSpan[];
}

export interface TableSpan {
  index: number; // 1-based among body-level tables
  cells: CellSpan[];
}

export interface DocxLayout {
  paragraphs: ParagraphSpan[]; // every w:p in document order (body-level and inside tables)
  tables: TableSpan[]; // body-level tables
}

const TAG = /<(\/?)w:(p|tbl|tr|tc|pPr|r|t|gridSpan|gridBefore|vMerge|txbxContent)(?=[\s>/])([^>]*?)(\/?)>/gu;

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/giu, (m, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e.startsWith('#x') || e.startsWith('#X') ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : m;
  });
}

function attribute(attributes: string, name: string): string | null {
  return new RegExp(`w:${name}="([^"]*)"`, 'u').exec(attributes)?.[1] ?? null;
}

/** Scan word/document.xml once. */
export function scanDocumentXml(xml: string): DocxLayout {
  const paragraphs: ParagraphSpan[] = [];
  const tables: TableSpan[] = [];
  const open: { name: string; paragraph?: ParagraphSpan; counted?: boolean; run?: RunSpan }[] = [];
  let bodyParagraphs = 0;
  let bodyTables = 0;
  let table: TableSpan | null = null;
  let tableDepth = 0;
  let row = 0;
  let column = 0;
  let cell: CellSpan | null = null;
  let inText = -1;
  const inside = (name: string) => open.some((o) => o.name === name);
  for (const m of xml.matchAll(TAG)) {
    const [whole, closing, name, attributes, selfClosing] = m as unknown as [string, string, string, string, string];
    const at = m.index;
    if (closing) {
      if (name === 't' && inText >= 0) {
        const paragraph = [...open].reverse().find((o) => o.paragraph)?.paragraph;
        if (paragraph) paragraph.text += unescapeXml(xml.slice(inText, at));
        inText = -1;
      }
      const index = open.map((o) => o.name).lastIndexOf(name);
      const closed = index >= 0 ? open.splice(index)[0] : undefined;
      if (closed) {
        if (name === 'p' && closed.paragraph) closed.paragraph.close = at;
        if (name === 'r' && closed.run) {
          closed.run.end = at + whole.length;
          closed.run.textEnd = ([...open].reverse().find((o) => o.paragraph)?.paragraph?.text.length ?? closed.run.textStart);
        }
        if (name === 'pPr') {
          const paragraph = [...open].reverse().find((o) => o.paragraph)?.paragraph;
          if (paragraph && paragraph.openEnd <= at) paragraph.openEnd = at + whole.length;
        }
      }
      if (name === 'tbl' && closed?.counted) {
        tableDepth -= 1;
        if (tableDepth === 0 && table) {
          tables.push(table);
          table = null;
        }
      }
      if (name === 'tc' && tableDepth === 1 && cell) {
        column += cell.span;
        cell = null;
      }
      continue;
    }
    if (name === 't') {
      if (!selfClosing) inText = at + whole.length;
      continue;
    }
    if (name === 'r' && !selfClosing) {
      const paragraph = [...open].reverse().find((o) => o.paragraph)?.paragraph;
      const run: RunSpan = { start: at, end: at, textStart: paragraph?.text.length ?? 0, textEnd: paragraph?.text.length ?? 0 };
      if (paragraph && !inside('r')) paragraph.runs.push(run);
      open.push({ name, run });
      continue;
    }
    if (name === 'pPr' && selfClosing) {
      const paragraph = [...open].reverse().find((o) => o.paragraph)?.paragraph;
      if (paragraph) paragraph.openEnd = at + whole.length;
      continue;
    }
    if (name === 'p') {
      const bodyLevel = !inside('p') && !inside('tbl') && !inside('txbxContent');
      const paragraph: ParagraphSpan = {
        start: at, openEnd: at + whole.length, close: at, selfClosing: selfClosing === '/', text: '', bodyIndex: bodyLevel ? (bodyParagraphs += 1) : null, runs: [],
      };
      paragraphs.push(paragraph);
      if (cell && tableDepth === 1 && !inside('txbxContent')) cell.paragraphs.push(paragraph);
      if (!selfClosing) open.push({ name, paragraph });
      continue;
    }
    if (name === 'tbl' && !selfClosing) {
      if (tableDepth === 0 && !inside('p')) {
        table = { index: (bodyTables += 1), cells: [] };
        row = 0;
      }
      const counted = table !== null;
      if (counted) tableDepth += 1;
      open.push({ name, counted });
      continue;
    }
    if (table && tableDepth === 1) {
      if (name === 'tr') {
        row += 1;
        column = 1;
      } else if (name === 'gridBefore') column += Number(attribute(attributes, 'val') ?? 0);
      else if (name === 'tc') {
        cell = { row, column, span: 1, vMerge: null, paragraphs: [] };
        table.cells.push(cell);
      } else if (name === 'gridSpan' && cell) cell.span = Math.max(1, Number(attribute(attributes, 'val') ?? 1));
      else if (name === 'vMerge' && cell) cell.vMerge = attribute(attributes, 'val') === 'restart' ? 'restart' : 'continue';
    }
    if (!selfClosing) open.push({ name });
  }
  return { paragraphs, tables };
}

/** The cell at a grid position; a cell covered by a vertical merge gives its master (the restart above it). */
export function cellAt(table: TableSpan, row: number, column: number): CellSpan | null {
  const hit = table.cells.find((c) => c.row === row && c.column <= column && column < c.column + c.span);
  if (!hit) return null;
  if (hit.vMerge !== 'continue') return hit;
  const above = table.cells.filter((c) => c.column === hit.column && c.row < row && c.vMerge !== null).sort((a, b) => b.row - a.row);
  return above.find((c) => c.vMerge === 'restart') ?? hit;
}
