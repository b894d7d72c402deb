import type { DraftBlock } from './draft-blocks.js';

/**
 * The blocks as Markdown: title and numbered headings stay plain lines ("三、绩效分析", "（1）…（2 分）") because
 * their numbering is the outline the report reader follows, so the .md reads back (and checks) like the .docx.
 */
export function renderMarkdown(blocks: readonly DraftBlock[]): string {
  return `${blocks.map((block) => block.text).join('\n\n')}\n`;
}
