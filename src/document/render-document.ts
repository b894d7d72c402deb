import type { Block, Document, DocumentLocation } from '../model/index.js';

/** Where a block or cell is, in words a reader of the original file uses (第 3 页 表 2 第 5 行 …). */
export function describeLocation(location: DocumentLocation): string {
  const parts: string[] = [];
  if (location.sheet !== undefined) parts.push(`工作表“${location.sheet}”`);
  if (location.page !== undefined) parts.push(`第 ${location.page} 页`);
  if (location.table !== undefined) parts.push(`表 ${location.table}`);
  if (location.paragraph !== undefined) parts.push(`第 ${location.paragraph} 段`);
  if (location.row !== undefined) parts.push(`第 ${location.row} 行`);
  if (location.column !== undefined) parts.push(`第 ${location.column} 列`);
  if (location.cell !== undefined) parts.push(`单元格 ${location.cell}`);
  if (location.line !== undefined && location.row === undefined) parts.push(`第 ${location.line} 行`);
  return parts.join(' ');
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function markdownBlock(block: Block): string {
  if (block.kind === 'heading') return `${'#'.repeat(Math.min(block.level ?? 2, 6))} ${block.text}`;
  if (block.kind === 'paragraph') return block.text;
  const rows = block.rows.map((row) => `| ${row.map((cell) => escapeCell(cell.merged ? '' : cell.text)).join(' | ')} |`);
  const width = block.rows[0]?.length ?? 0;
  const caption = `<!-- ${block.name ? `${block.name} ` : ''}${describeLocation(block.location)}，${block.rows.length} 行 × ${width} 列${block.rows.some((r) => r.some((c) => c.merged)) ? '，合并单元格只在左上格写出' : ''} -->`;
  return [caption, rows[0] ?? '', `|${' --- |'.repeat(width)}`, ...rows.slice(1)].join('\n');
}

/** What was read, as Markdown: headings, paragraphs and tables in order (a merged cell's text once, in its master). */
export function documentMarkdown(document: Document): string {
  const notes = [
    ...(document.ocr ? ['> 注意：本文件是扫描件，文字和数字由 OCR 识别得到，请与原件核对。'] : []),
    ...(document.original ? [`> 由 ${document.original.format} 文件经 LibreOffice 转换后读取。`] : []),
  ];
  return [...notes, ...document.blocks.map(markdownBlock)].join('\n\n') + '\n';
}

/** What was read, as JSON: every block with its location; table cells with row, column and merged. */
export function documentJson(document: Document): unknown {
  return {
    name: document.name,
    format: document.format,
    ...(document.original ? { original: document.original } : {}),
    ...(document.ocr ? { ocr: true } : {}),
    blocks: document.blocks.map((block) => block.kind === 'table'
      ? {
        kind: 'table',
        name: block.name,
        location: block.location,
        rows: block.rows.map((row, r) => row.map((cell, c) => ({
          row: r + 1,
          column: c + 1,
          text: cell.text,
          merged: cell.merged === true,
          location: cell.location,
        }))),
      }
      : { kind: block.kind, text: block.text, ...(block.kind === 'heading' ? { level: block.level } : {}), location: block.location }),
  };
}
