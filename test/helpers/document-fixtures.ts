import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';
import {
  Document as WordDocument, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType,
} from 'docx';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { CJK_FONT, hasCjkFont } from './report-variants.js';

export { CJK_FONT, hasCjkFont };

/** Fixtures for the document readers, built with the tools that make real files (docx, exceljs, pdfkit). */

// ---------- docx ----------

export interface FixtureCell {
  text: string;
  columnSpan?: number;
  rowSpan?: number; // the rows below leave this column's covered cells out, as in an HTML table
}

export type FixtureRow = (string | FixtureCell)[];

export type DocxBlock =
  | { heading: string; level: 1 | 2 | 3 | 4 }
  | { paragraph: string }
  | { table: FixtureRow[] };

const HEADING_LEVELS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4] as const;

function docxCell(cell: string | FixtureCell): TableCell {
  const spec = typeof cell === 'string' ? { text: cell } : cell;
  return new TableCell({
    // a line break inside a cell is a paragraph of its own, as Word writes it
    children: spec.text.split('\n').map((line) => new Paragraph(line)),
    ...(spec.columnSpan ? { columnSpan: spec.columnSpan } : {}),
    ...(spec.rowSpan ? { rowSpan: spec.rowSpan } : {}),
  });
}

/** A .docx made by the `docx` package: headings (Heading 1…4 styles), plain paragraphs and tables with spans. */
export async function buildDocx({ blocks }: { blocks: DocxBlock[] }): Promise<Uint8Array> {
  const children = blocks.map((block) => {
    if ('heading' in block) return new Paragraph({ text: block.heading, heading: HEADING_LEVELS[block.level - 1] });
    if ('paragraph' in block) return new Paragraph({ children: [new TextRun(block.paragraph)] });
    return new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: block.table.map((row) => new TableRow({ children: row.map(docxCell) })),
    });
  });
  const document = new WordDocument({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

// ---------- xlsx ----------

export type XlsxValue =
  | string
  | number
  | null
  | { formula: string; result: number | string }
  | { rich: string[] }
  | { value: number | { formula: string; result: number }; numFmt: string };

export interface XlsxSheet {
  name: string;
  rows: XlsxValue[][]; // row 1 first; null leaves a cell empty
  merges?: string[]; // "A2:A4"
  startRow?: number; // 1-based row of rows[0] (default 1)
  startColumn?: number; // 1-based column of rows[i][0] (default 1)
}

/** A workbook made by exceljs: formulas with cached results, rich text, number formats and merged ranges. */
export async function buildXlsx(sheets: XlsxSheet[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    spec.rows.forEach((values, r) => {
      values.forEach((value, c) => {
        if (value === null) return;
        const cell = sheet.getCell((spec.startRow ?? 1) + r, (spec.startColumn ?? 1) + c);
        if (typeof value === 'object' && 'rich' in value) cell.value = { richText: value.rich.map((text, i) => ({ text, font: { bold: i % 2 === 1 } })) };
        else if (typeof value === 'object' && 'numFmt' in value) {
          cell.value = value.value;
          cell.numFmt = value.numFmt;
        } else cell.value = value;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

// ---------- zip (hand-made, for hostile files) ----------

export interface ZipSpec {
  name: string;
  data: Uint8Array; // inflated content
  /** What the central directory claims (to forge a bomb that understates its size). Default: the truth. */
  declaredSize?: number;
}

/**
 * One zip entry's data deflated as it arrives (never held expanded in memory), with its size and CRC-32: for entries
 * of hundreds of MB (decompression bombs, huge sheets).
 */
export async function deflateStreamed(
  pieces: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  level = 9,
): Promise<{ compressed: Uint8Array; size: number; crc: number }> {
  const deflate = createDeflateRaw({ level });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.once('end', () => resolve());
    deflate.once('error', reject);
  });
  let crc = 0;
  let size = 0;
  for await (const piece of pieces) {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    crc = crc32(bytes, crc);
    size += bytes.length;
    if (!deflate.write(bytes)) await new Promise<void>((resolve) => deflate.once('drain', () => resolve()));
  }
  deflate.end();
  await done;
  return { compressed: Buffer.concat(out), size, crc };
}

/** A zip written byte by byte (deflate), so tests can make directories that lie. */
export function buildZip(entries: { name: string; compressed: Uint8Array; size: number; declaredSize?: number; crc: number }[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const declared = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, Buffer.from(entry.compressed));
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.compressed.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + entry.compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

export function zipOf(specs: ZipSpec[]): Uint8Array {
  return buildZip(specs.map((spec) => ({
    name: spec.name,
    compressed: deflateRawSync(spec.data),
    size: spec.data.length,
    ...(spec.declaredSize !== undefined ? { declaredSize: spec.declaredSize } : {}),
    crc: crc32(spec.data),
  })));
}

const CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/></Types>';
const DOCX_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
  + '</Relationships>';
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/**
 * A .docx whose document.xml expands to about `megabytes` MB of real paragraphs. The XML is deflated 1 MB at a time
 * through a zlib stream, so building a 200 MB bomb never holds 200 MB in memory. `declaredMegabytes` forges the
 * central directory's uncompressed size (a bomb that lies about itself).
 */
export async function buildZipBomb({ megabytes, declaredMegabytes }: { megabytes: number; declaredMegabytes?: number }): Promise<Uint8Array> {
  const head = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="${W}"><w:body>`);
  const tail = Buffer.from('</w:body></w:document>');
  const paragraph = Buffer.from('<w:p><w:r><w:t>填充段落用于测试解压上限</w:t></w:r></w:p>');
  const piece = Buffer.alloc(Math.floor((1024 * 1024) / paragraph.length) * paragraph.length);
  for (let at = 0; at < piece.length; at += paragraph.length) paragraph.copy(piece, at);
  const pieces = Math.max(1, Math.round(megabytes));
  const document = await deflateStreamed((function* () {
    yield head;
    for (let i = 0; i < pieces; i += 1) yield piece;
    yield tail;
  })());
  const text = (xml: string) => {
    const data = Buffer.from(xml);
    return { compressed: deflateRawSync(data), size: data.length, crc: crc32(data) };
  };
  return buildZip([
    { name: '[Content_Types].xml', ...text(CONTENT_TYPES) },
    { name: '_rels/.rels', ...text(DOCX_RELS) },
    {
      name: 'word/document.xml', ...document,
      ...(declaredMegabytes !== undefined ? { declaredSize: Math.round(declaredMegabytes * 1024 * 1024) } : {}),
    },
  ]);
}

// ---------- pdf ----------

export type PdfBlock =
  | { line: string } // running text, wrapped at the page width like a word processor would
  | { table: { widths: number[]; rows: string[][] } } // cell text with "\n" wraps onto a second line inside the cell
  | { pageBreak: true };

/**
 * A PDF with a real text layer made by pdfkit with the CJK font: running text and ruled tables whose cells may hold
 * several lines. `pageNumbers` prints a centred page number at the foot of every page. Needs `hasCjkFont`.
 */
export async function buildPdf(blocks: PdfBlock[], { pageNumbers = false }: { pageNumbers?: boolean } = {}): Promise<Uint8Array> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.font(CJK_FONT, 'WenQuanYiZenHei').fontSize(10.5);
  const lineHeight = doc.currentLineHeight(true);
  const padding = 4;
  for (const block of blocks) {
    if ('pageBreak' in block) {
      doc.addPage();
      continue;
    }
    if ('line' in block) {
      doc.text(block.line, 56, doc.y, { paragraphGap: 4 });
      continue;
    }
    let y = doc.y + 6;
    for (const row of block.table.rows) {
      const height = Math.max(...row.map((cell) => cell.split('\n').length)) * lineHeight + 2 * padding;
      if (y + height > doc.page.height - 72) {
        doc.addPage();
        y = doc.y;
      }
      let x = 56;
      row.forEach((cell, c) => {
        const width = block.table.widths[c] ?? 80;
        doc.rect(x, y, width, height).stroke();
        cell.split('\n').forEach((text, k) => doc.text(text, x + padding, y + padding + k * lineHeight, { width: width - 2 * padding, lineBreak: false }));
        x += width;
      });
      y += height;
    }
    doc.x = 56;
    doc.y = y + 8;
  }
  if (pageNumbers) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      doc.text(`- ${i + 1} -`, 0, doc.page.height - 40, { width: doc.page.width, align: 'center', lineBreak: false });
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

const XLSX_CONTENT_TYPES = '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const XLSX_RELS = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
  + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
  + '</Relationships>';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A minimal .xlsx with one sheet of `rows` rows (an indicator name, a weight and a score per row), written as raw
 * SpreadsheetML with inline strings: quick to build even at 300,000 rows, shaped like what Excel writes.
 */
export function buildLargeXlsx({ rows, sheetName = '明细' }: { rows: number; sheetName?: string }): Uint8Array {
  const parts: string[] = [`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${S}"><sheetData>`];
  for (let r = 1; r <= rows; r += 1) {
    parts.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>指标${r}</t></is></c><c r="B${r}"><v>${r % 10}</v></c><c r="C${r}"><v>${(r % 7) / 2}</v></c></row>`);
  }
  parts.push('</sheetData></worksheet>');
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${S}" xmlns:r="${R}"><sheets><sheet name="${sheetName}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
  const workbookRels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  return zipOf([
    { name: '[Content_Types].xml', data: utf8(XLSX_CONTENT_TYPES) },
    { name: '_rels/.rels', data: utf8(XLSX_RELS) },
    { name: 'xl/workbook.xml', data: utf8(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: utf8(workbookRels) },
    { name: 'xl/worksheets/sheet1.xml', data: utf8(parts.join('')) },
  ]);
}

/** Any WordprocessingML body (as WPS or Word would write it) packed as a .docx, with optional styles and numbering parts. */
export function wordPackage(bodyXml: string, stylesXml?: string, numberingXml?: string): Uint8Array {
  const namespaces = `xmlns:w="${W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" `
    + 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"';
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${namespaces}><w:body>${bodyXml}</w:body></w:document>`;
  const type = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + (stylesXml ? `<Relationship Id="rId1" Type="${type}/styles" Target="styles.xml"/>` : '')
    + (numberingXml ? `<Relationship Id="rId2" Type="${type}/numbering" Target="numbering.xml"/>` : '')
    + '</Relationships>';
  const part = (root: string, content: string) => utf8(`<?xml version="1.0" encoding="UTF-8"?><w:${root} xmlns:w="${W}">${content}</w:${root}>`);
  const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
  return zipOf([
    { name: '[Content_Types].xml', data: utf8(CONTENT_TYPES) },
    { name: '_rels/.rels', data: utf8(DOCX_RELS) },
    { name: 'word/document.xml', data: utf8(document) },
    { name: 'word/_rels/document.xml.rels', data: utf8(rels) },
    ...(stylesXml ? [{ name: 'word/styles.xml', data: part('styles', stylesXml) }] : []),
    ...(numberingXml ? [{ name: 'word/numbering.xml', data: part('numbering', numberingXml) }] : []),
  ]);
}
