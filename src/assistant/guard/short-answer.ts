/**
 * Short answers first: at most three lines, the rest on request (详情). The first line is the answer's own lead
 * sentence; a list keeps its item titles. Drafts, files and fixed texts (help) are never cut — they are the content.
 */
export const SHORT_LINES = 3;
const LINE_CHARS = 160;

/** A list item's title line: "**1. 部门预算资金支出率**（…）", "1. …", "- **名称**". */
const ITEM = /^(?:\*\*)?\d{1,2}[.、]|^(?:[-•]\s*)?\*\*[^*]+\*\*/u;
const LIST = /^\s*(?:[-•]|\d{1,2}[.、])/u;
const VERDICT = /^\s*(?:[-•]\s*)?(?:\*\*)?(?:核对)?结论(?:\*\*)?[：:]/u;

/** A long line cut at the last full stop that keeps it within LINE_CHARS (whole sentences only). */
function firstSentences(line: string): string {
  const chars = [...line];
  if (chars.length <= LINE_CHARS) return line;
  const head = chars.slice(0, LINE_CHARS).join('');
  const stop = Math.max(head.lastIndexOf('。'), head.lastIndexOf('；'), head.lastIndexOf('：'));
  return stop >= 20 ? head.slice(0, stop + 1) : `${head}…`;
}

export interface ShortAnswer {
  text: string;
  /** The whole text, when `text` left something out. */
  details?: string;
}

export function shortAnswer(text: string): ShortAnswer {
  const lines = text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
  const fits = lines.length <= SHORT_LINES && lines.every((l) => [...l].length <= LINE_CHARS);
  if (fits) return { text: lines.join('\n') };
  const [lead, ...rest] = lines;
  const items = rest.filter((l) => ITEM.test(l.trim()));
  // A lead that introduces a list ("按指标逐项相加：") is best followed by the list's conclusion ("合计 … 一致").
  const listEnd = rest.findIndex((l, i) => i > 0 && !LIST.test(l) && LIST.test(rest[i - 1]!));
  const conclusion = /[：:]$/u.test(lead!) && items.length < 2 && listEnd > 0 ? [rest[listEnd]!] : null;
  // A stated verdict ("- 核对结论：…") of a one-subject answer is what the question asked: it takes the last line.
  const verdict = items.length >= 2 ? undefined : rest.find((l) => VERDICT.test(l));
  const body = (conclusion ?? (items.length >= 2 ? items : rest)).filter((l) => l !== verdict);
  const chosen = [lead!, ...body.slice(0, verdict ? SHORT_LINES - 2 : SHORT_LINES - 1), ...(verdict ? [verdict] : [])].map(firstSentences);
  return { text: chosen.join('\n'), details: text.trim() };
}
