import type { types } from '@slack/bolt';
import type { Reply } from '../../assistant/turn.js';

type KnownBlock = types.KnownBlock;
import { DETAILS_HINT, renderTables, replyParts, shorten } from '../reply-parts.js';

/** A Block Kit message: the answer, a compact findings list (severity, line, message), then the sources. */
export interface SlackMessage {
  text: string; // notification / fallback text
  blocks: KnownBlock[];
}

const SECTION_LIMIT = 2900; // Block Kit allows 3000 characters per section text
const MAX_BLOCKS = 50;

export function renderReplyBlocks(reply: Reply): SlackMessage {
  const parts = replyParts(reply);
  const blocks: KnownBlock[] = [];
  for (const chunk of chunkText(toMrkdwn(renderTables(reply.text, 'aligned')), SECTION_LIMIT)) blocks.push(section(chunk));
  // In a channel thread the bot hears only mentions; in a DM any message.
  if (reply.details) blocks.push(context([`_${DETAILS_HINT.replace('回复「详情」', '@我说「详情」（私信里直接说）')}_`]));
  if (reply.notes.length > 0) blocks.push(context(reply.notes.map((note) => `_${escape(note)}_`)));
  if (parts.findings.length > 0) {
    const lines = parts.findings.map((f) => `${f.icon} *${f.severity}* ${f.place}：${escape(f.message)}`);
    if (parts.moreFindings > 0) lines.push(`……另有 ${parts.moreFindings} 条`);
    blocks.push({ type: 'divider' });
    for (const chunk of chunkText(`*检查发现*\n${lines.join('\n')}`, SECTION_LIMIT)) blocks.push(section(chunk));
  }
  if (parts.sources.length > 0) blocks.push(context([`*来源*`, ...parts.sources.map((s) => escape(s))]));
  if (blocks.length === 0) blocks.push(section(' '));
  return { text: shorten(reply.text.trim() || '（无内容）', 300), blocks: blocks.slice(0, MAX_BLOCKS) };
}

export function renderNotice(text: string): SlackMessage {
  return { text: shorten(text, 300), blocks: chunkText(escape(text), SECTION_LIMIT).map(section) };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(texts: string[]): KnownBlock {
  return { type: 'context', elements: texts.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: shorten(text, 300) })) };
}

/** Slack mrkdwn: escape &, <, > and turn Markdown **bold** into *bold* and headings into bold lines. */
export function toMrkdwn(markdown: string): string {
  return escape(markdown)
    .replace(/\*\*(.+?)\*\*/g, '*$1*')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Split at line breaks into pieces of at most `max` characters (a longer line is cut). */
export function chunkText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while ([...rest].length > max) {
      if (current) pieces.push(current);
      current = '';
      const chars = [...rest];
      pieces.push(chars.slice(0, max).join(''));
      rest = chars.slice(max).join('');
    }
    const candidate = current === '' ? rest : `${current}\n${rest}`;
    if ([...candidate].length > max) {
      pieces.push(current);
      current = rest;
    } else {
      current = candidate;
    }
  }
  if (current.trim() !== '') pieces.push(current);
  return pieces;
}
