import type { Reply } from '../../assistant/turn.js';
import { DETAILS_HINT, renderTables, replyParts } from '../reply-parts.js';

/**
 * A Reply as WeCom markdown (the subset WeCom renders: bold, quotes, font colours). The answer comes first, then the
 * findings (severity, line, message) and the sources; the client splits it at 4096 bytes.
 */
export function renderWecomMarkdown(reply: Reply): string {
  const parts = replyParts(reply);
  const blocks: string[] = [renderTables(reply.text.trim(), 'pairs')];
  if (reply.details) blocks.push(`> <font color="comment">${DETAILS_HINT}</font>`);
  for (const note of reply.notes) blocks.push(`> <font color="comment">${note}</font>`);
  if (parts.findings.length > 0) {
    const lines = parts.findings.map(
      (f) => `${f.icon} <font color="${f.severity === '错误' ? 'warning' : 'comment'}">${f.severity}</font> ${f.place}：${f.message}`,
    );
    if (parts.moreFindings > 0) lines.push(`……另有 ${parts.moreFindings} 条`);
    blocks.push(`**检查发现**\n${lines.join('\n')}`);
  }
  if (parts.sources.length > 0) blocks.push(`**来源**\n${parts.sources.map((s) => `> ${s}`).join('\n')}`);
  return blocks.filter((block) => block !== '').join('\n\n');
}
