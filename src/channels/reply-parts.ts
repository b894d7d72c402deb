import type { Reply } from '../assistant/turn.js';
import { placeOf } from '../checks/format/place.js';

/** The pieces of a Reply both chat channels show: a compact findings list and the sources, in plain Chinese. */
export interface ReplyParts {
  findings: { severity: string; icon: string; line: number; place: string; message: string }[];
  moreFindings: number; // findings left out of the list
  sources: string[];
}

export const MAX_LISTED_FINDINGS = 10;
const MAX_SOURCES = 8;
/** Findings are listed compactly (one short line each): the answer text above already explains them. */
const COMPACT_MESSAGE_CHARS = 60;
const SEVERITY = {
  error: { label: '错误', icon: '🔴' },
  warning: { label: '警告', icon: '🟠' },
  info: { label: '提示', icon: '🔵' },
} as const;
const RANK = { error: 0, warning: 1, info: 2 } as const;

export function replyParts(reply: Reply): ReplyParts {
  const sorted = [...reply.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.line - b.line);
  const listed = sorted.slice(0, MAX_LISTED_FINDINGS);
  const seen = new Set<string>();
  const sources: string[] = [];
  for (const citation of reply.citations) {
    const where = citation.place ? `${citation.source} ${citation.place.replace(/\s+/gu, '')}` : citation.line === undefined ? citation.source : `${citation.source} 第${citation.line}行`;
    if (seen.has(where)) continue;
    seen.add(where);
    const quote = shorten(citation.quote.replace(/\s+/g, ' ').trim(), 60);
    sources.push(quote === '' ? where : `${where}：「${quote}」`);
    if (sources.length === MAX_SOURCES) break;
  }
  return {
    findings: listed.map((finding) => ({
      severity: SEVERITY[finding.severity].label,
      icon: SEVERITY[finding.severity].icon,
      line: finding.line,
      place: placeOf(finding).replace(/\s+/gu, ''), // the file's own terms: 第117行, 表2第5行第6列, 第3页第4行
      message: shorten(finding.message.replace(/\s+/g, ' '), COMPACT_MESSAGE_CHARS),
    })),
    moreFindings: sorted.length - listed.length,
    sources,
  };
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The hint under a short answer whose whole text waits for 详情. */
export const DETAILS_HINT = '回复「详情」查看完整说明。';

const TABLE_ROW = /^\s*\|.*\|\s*$/u;
const TABLE_RULE = /^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$/u;

/**
 * A model's Markdown tables for a chat that has none: each row as "表头：值；表头：值" (`style: 'pairs'`), or the
 * table as aligned columns (`'aligned'`, for a monospaced block). Other text is left as it is.
 */
export function renderTables(text: string, style: 'pairs' | 'aligned'): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    if (!TABLE_ROW.test(lines[i]!) || !TABLE_RULE.test(lines[i + 1] ?? '')) {
      out.push(lines[i]!);
      i += 1;
      continue;
    }
    const cells = (line: string) => line.trim().replace(/^\||\|$/gu, '').split('|').map((c) => c.trim());
    const header = cells(lines[i]!);
    const rows: string[][] = [];
    i += 2;
    while (i < lines.length && TABLE_ROW.test(lines[i]!)) rows.push(cells(lines[i++]!));
    if (style === 'pairs') {
      for (const row of rows) out.push(`- ${row.map((c, j) => (header[j] ? `${header[j]}：${c}` : c)).join('；')}`);
      continue;
    }
    const width = (t: string) => [...t].reduce((w, ch) => w + (/[\u1100-\uffff]/u.test(ch) ? 2 : 1), 0);
    const widths = header.map((h, j) => Math.max(width(h), ...rows.map((r) => width(r[j] ?? ''))));
    const pad = (t: string, j: number) => t + ' '.repeat(Math.max(0, widths[j]! - width(t)));
    out.push('```', [header, ...rows].map((r) => header.map((_, j) => pad(r[j] ?? '', j)).join('  ').trimEnd()).join('\n'), '```');
  }
  return out.join('\n');
}
