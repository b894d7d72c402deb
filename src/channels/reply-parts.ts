import type { Reply } from '../assistant/turn.js';

/** The pieces of a Reply both chat channels show: a compact findings list and the sources, in plain Chinese. */
export interface ReplyParts {
  findings: { severity: string; icon: string; line: number; message: string }[];
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
    const where = citation.line === undefined ? citation.source : `${citation.source} 第${citation.line}行`;
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
