import type { DocumentLocation, Finding, Report } from '../../model/index.js';
import { normalizeLine } from '../../report/normalize-line.js';
import { commentParagraphs } from './comment-text.js';
import { cellAt, scanDocumentXml, type DocxLayout, type ParagraphSpan } from './docx-layout.js';

export const COMMENT_AUTHOR = 'selfeval';

const COMMENTS_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';
const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export type AnnotateOutcome =
  | { ok: true; bytes: Buffer; comments: number; unplaced: Finding[] }
  | { ok: false; reason: string };

function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

const squeeze = (text: string) => text.replace(/[\s\u3000]/gu, '');

/** The paragraph a location names: a body paragraph, or the first paragraph of a table cell. */
function byLocation(layout: DocxLayout, location: DocumentLocation | undefined): ParagraphSpan | null {
  if (!location) return null;
  if (location.table !== undefined && location.row !== undefined && location.column !== undefined) {
    const table = layout.tables.find((t) => t.index === location.table);
    const cell = table ? cellAt(table, location.row, location.column) : null;
    return cell?.paragraphs.find((p) => p.text.trim() !== '') ?? cell?.paragraphs[0] ?? null;
  }
  if (location.table !== undefined && location.row !== undefined) {
    const table = layout.tables.find((t) => t.index === location.table);
    return table?.cells.find((c) => c.row === location.row)?.paragraphs[0] ?? null;
  }
  if (location.paragraph !== undefined) return layout.paragraphs.find((p) => p.bodyIndex === location.paragraph) ?? null;
  return null;
}

/** Fallback: the paragraph whose text holds the finding's line (or the start of it), in body or cells. */
function byText(layout: DocxLayout, lineText: string | undefined): ParagraphSpan | null {
  const wanted = squeeze(lineText ?? '');
  if (wanted.length < 2) return null;
  const cells = wanted.split('\t').filter((c) => c.length >= 2);
  return (
    layout.paragraphs.find((p) => squeeze(p.text) === wanted) ??
    layout.paragraphs.find((p) => squeeze(p.text).length >= 2 && (squeeze(p.text).includes(wanted) || wanted.includes(squeeze(p.text)))) ??
    layout.paragraphs.find((p) => squeeze(p.text).startsWith(wanted.slice(0, 16))) ??
    (cells.length > 1 ? layout.paragraphs.find((p) => squeeze(p.text) === cells[0]) : undefined) ??
    null
  );
}

/** Where a finding goes: its own location, its line's location, or its line's text. */
function targetOf(layout: DocxLayout, finding: Finding, report: Pick<Report, 'lines' | 'lineLocations'>): ParagraphSpan | null {
  return (
    byLocation(layout, finding.location) ??
    byLocation(layout, report.lineLocations?.[finding.line - 1]) ??
    byText(layout, report.lines[finding.line - 1]) ??
    null
  );
}

const SENTENCE_END = /[。；！？]/u;

/** Offsets of the sentences of a text, each ending after its 。；！？ (the last one may have none). */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    if (SENTENCE_END.test(text[i]!)) {
      spans.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/**
 * The runs of the sentence a finding points at (its column in the normalised line picks the sentence; the same
 * sentence number in the paragraph's own text gives its runs), so the comment covers that sentence and not the whole
 * paragraph. Null when the paragraph is one run, the finding has no column, or the sentences do not line up.
 */
function sentenceRuns(paragraph: ParagraphSpan, finding: Finding, lines: readonly string[]): { from: number; to: number } | null {
  const line = lines[finding.line - 1];
  if (finding.column === undefined || !line || paragraph.runs.length < 2) return null;
  const lineSentences = sentenceSpans(normalizeLine(line));
  const index = lineSentences.findIndex(([, end]) => finding.column! - 1 < end);
  const own = sentenceSpans(paragraph.text);
  if (index < 0 || own.length !== lineSentences.length) return null;
  const [a, b] = own[index]!;
  const runs = paragraph.runs.filter((r) => r.end > r.start && r.textEnd > a && r.textStart < b);
  return runs.length === 0 ? null : { from: runs[0]!.start, to: runs[runs.length - 1]!.end };
}

function commentXml(id: number, finding: Finding, date: string, report: Pick<Report, 'lineLocations'>): string {
  const paragraphs = commentParagraphs(finding, report)
    .map((text) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`)
    .join('');
  return `<w:comment w:id="${id}" w:author="${COMMENT_AUTHOR}" w:date="${date}" w:initials="SE">${paragraphs}</w:comment>`;
}

/** Put `content` at the end of the root element `tag`, whether it is written <tag …></tag> or <tag …/>. */
function appendChildren(xml: string, tag: string, content: string): string {
  const closing = new RegExp(`</${tag}>\\s*$`, 'u');
  if (closing.test(xml)) return xml.replace(closing, `${content}</${tag}>`);
  return xml.replace(new RegExp(`(<${tag}\\b[^>]*?)\\s*/>`, 'u'), `$1>${content}</${tag}>`);
}

/** Why a package cannot take comments: editing restricted to something other than comments. */
function protection(settings: string | null): string | null {
  if (!settings) return null;
  const m = /<w:documentProtection\b([^>]*)\/?>/u.exec(settings);
  if (!m) return null;
  const edit = /w:edit="([^"]*)"/u.exec(m[1]!)?.[1] ?? 'none';
  const enforced = /w:enforcement="(1|true|on)"/u.test(m[1]!);
  if (!enforced || edit === 'comments' || edit === 'none') return null;
  const what: Record<string, string> = { readOnly: '只读', forms: '仅允许填写窗体', trackedChanges: '仅允许修订' };
  return `文档设置了编辑限制（${what[edit] ?? edit}），不能添加批注；请在 Word 中取消“限制编辑”后再试。`;
}

/**
 * The user's own .docx with a Word comment (author "selfeval") on the paragraph or table cell of each finding.
 * Only word/document.xml (the comment marks, spliced in), word/comments.xml, the document's relationships and
 * [Content_Types].xml change; every other part is copied as it is. A protected or unreadable file gives the reason.
 */
export async function annotateDocx(bytes: Uint8Array, findings: readonly Finding[], report: Pick<Report, 'lines' | 'lineLocations'>, now = new Date()): Promise<AnnotateOutcome> {
  const { default: JSZip } = await import('jszip');
  let zip: InstanceType<typeof JSZip>;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    return { ok: false, reason: '文件不是有效的 Word（.docx）文档：可能已损坏，或设置了打开密码（加密的文档无法添加批注）。' };
  }
  const documentFile = zip.file('word/document.xml');
  const relsFile = zip.file('word/_rels/document.xml.rels');
  const typesFile = zip.file('[Content_Types].xml');
  if (!documentFile || !relsFile || !typesFile) return { ok: false, reason: '文件缺少 Word 正文部分（word/document.xml），可能已损坏。' };
  const protectedReason = protection((await zip.file('word/settings.xml')?.async('string')) ?? null);
  if (protectedReason) return { ok: false, reason: protectedReason };

  const xml = await documentFile.async('string');
  const layout = scanDocumentXml(xml);
  const commentsPath = 'word/comments.xml';
  const existing = (await zip.file(commentsPath)?.async('string')) ?? null;
  const usedIds = [...(existing ?? '').matchAll(/<w:comment\b[^>]*w:id="(\d+)"/gu), ...xml.matchAll(/<w:comment(?:RangeStart|Reference)\b[^>]*w:id="(\d+)"/gu)].map((m) => Number(m[1]));
  let nextId = usedIds.length > 0 ? Math.max(...usedIds) + 1 : 0;
  const date = now.toISOString().replace(/\.\d{3}Z$/u, 'Z');
  const inserts: { at: number; order: number; text: string }[] = [];
  const comments: string[] = [];
  const unplaced: Finding[] = [];
  findings.forEach((finding, order) => {
    const target = targetOf(layout, finding, report) ?? layout.paragraphs.find((p) => p.bodyIndex !== null && !p.selfClosing) ?? null;
    if (!target || target.selfClosing) {
      unplaced.push(finding);
      return;
    }
    if (!targetOf(layout, finding, report)) unplaced.push(finding); // anchored at the start instead
    const id = nextId++;
    comments.push(commentXml(id, finding, date, report));
    const sentence = sentenceRuns(target, finding, report.lines);
    inserts.push({ at: sentence?.from ?? target.openEnd, order, text: `<w:commentRangeStart w:id="${id}"/>` });
    inserts.push({ at: sentence?.to ?? target.close, order: -order - 1, text: `<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>` });
  });
  if (comments.length === 0) return { ok: true, bytes: Buffer.from(bytes), comments: 0, unplaced };
  // Apply from the end so that earlier offsets stay valid; at one offset keep the findings' order.
  inserts.sort((a, b) => b.at - a.at || Math.abs(b.order) - Math.abs(a.order));
  let annotated = xml;
  for (const insert of inserts) annotated = annotated.slice(0, insert.at) + insert.text + annotated.slice(insert.at);
  zip.file('word/document.xml', annotated);

  if (existing) zip.file(commentsPath, appendChildren(existing, 'w:comments', comments.join('')));
  else zip.file(commentsPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W_NS}">${comments.join('')}</w:comments>`);
  const rels = await relsFile.async('string');
  if (!rels.includes(COMMENTS_TYPE)) {
    const ids = new Set([...rels.matchAll(/Id="([^"]+)"/gu)].map((m) => m[1]));
    let rid = 'rIdSelfevalComments';
    for (let n = 2; ids.has(rid); n += 1) rid = `rIdSelfevalComments${n}`;
    zip.file('word/_rels/document.xml.rels', rels.replace(/<\/Relationships>\s*$/u, `<Relationship Id="${rid}" Type="${COMMENTS_TYPE}" Target="comments.xml"/></Relationships>`));
  }
  const types = await typesFile.async('string');
  if (!types.includes('PartName="/word/comments.xml"')) {
    zip.file('[Content_Types].xml', types.replace(/<\/Types>\s*$/u, `<Override PartName="/word/comments.xml" ContentType="${COMMENTS_CONTENT_TYPE}"/></Types>`));
  }
  return { ok: true, bytes: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), comments: comments.length, unplaced };
}
