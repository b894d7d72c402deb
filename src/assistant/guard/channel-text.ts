import { placeOfLine } from '../../checks/format/place.js';
import type { Report } from '../../model/index.js';
import { NO_REPORT_TEXT } from '../answers/answer.js';
import type { Reply, TurnChannel } from '../turn.js';
import { cleanUserText, isKnowledgePath, knowledgeTitle } from './user-text.js';
import { FILE_NAME } from './extract-numbers.js';
import { quotePlace, reportSource } from '../answers/report-citation.js';

/** What a chat user does instead of a terminal command. */
const CHAT_NO_REPORT =
  '还没有报告。把自评报告文件（Word、PDF、Excel、网页或文本）发到这里，我会先检查一遍；也可以直接粘贴要检查的段落，例如「帮我检查这段：……」。';
const CHAT_COMMANDS: [RegExp, string][] = [
  [/，?或(?:者)?输入\s*\/check、\/draft\s*存在问题。?/gu, '，或说「检查」「起草存在问题」。'],
  [/，?或(?:者)?输入\s*\/check\s*。?/gu, '，或说「检查」。'],
  [/(?:请)?重新输入\s*\/check/gu, '请再说一次「检查」'],
  [/输入\s*\/draft\s*(存在问题|相关建议|自评结论)(?:\s*起草\1)?/gu, '说「起草$1」'],
  [/输入\s*\/check/gu, '说「检查」'],
  [/输入\s*\/help/gu, '发送「帮助」'],
  [/可用\s*selfeval check 查看全部/gu, '回复「详情」查看全部'],
  [/[（(]selfeval ingest[^）)]*[）)]/gu, '（管理员发送「入库」后把上年报告发到这里）'],
  [/selfeval ingest\s+去年报告\s+--scope\s+[^\s。，；）)]+/gu, '管理员发送「入库」后把去年的报告发到这里'],
  [/selfeval check\s*(?:报告文件?)?/gu, '「检查」'],
];

/** Terminal instructions (/load, /check, --report) rewritten for a chat channel; the terminal keeps them. */
export function forChannel(text: string, channel: TurnChannel | undefined): string {
  if (!channel || channel === 'terminal') return text;
  if (text.startsWith(NO_REPORT_TEXT)) return CHAT_NO_REPORT + text.slice(NO_REPORT_TEXT.length);
  let out = text;
  for (const [pattern, replacement] of CHAT_COMMANDS) out = out.replace(pattern, replacement);
  return out;
}

const OTHER_PLACE_BEFORE = new RegExp(`(?:${FILE_NAME}|表\\s*\\d+|页)\\s*$`, 'iu');

/**
 * A report's "第 N 行" in the terms of its own file ("表 2 第 5 行第 6 列", "第 3 页第 4 行", "自评表!F9") when the
 * file is not plain text; a text file's lines are left as they are.
 */
export function inFileTerms(text: string, report: Report | null): string {
  if (!report?.lineLocations?.some((l) => l !== null && l !== undefined)) return text;
  return text.replace(/第\s*(\d+)\s*行(?!第)/gu, (whole, n: string, offset: number) => {
    // A line of another file ("farm-2023.docx 第 3 行"), a table's or a page's row: already a place, not this report's line.
    if (OTHER_PLACE_BEFORE.test(text.slice(Math.max(0, offset - 40), offset))) return whole;
    const place = placeOfLine(report, Number(n));
    return place === `第 ${n} 行` ? whole : place;
  });
}

/** A citation of the loaded report names the place the reply text names: its cell, row, page line or paragraph. */
function citedPlace(citation: Reply['citations'][number], report: Report | null): { place?: string } {
  if (!report || citation.line === undefined || citation.place !== undefined || citation.source !== reportSource({ name: report.source.name })) return {};
  const place = quotePlace(report, citation.line, citation.quote);
  return place === null ? {} : { place };
}

/** Every user-visible text of a reply cleaned; knowledge files cited by title; the report's passages by their place. */
export function finishReply(reply: Reply, channel: TurnChannel | undefined, report: Report | null): Reply {
  const text = (t: string) => inFileTerms(cleanUserText(forChannel(t, channel)), report);
  return {
    ...reply,
    text: text(reply.text),
    notes: reply.notes.map(text),
    citations: reply.citations.map((c) =>
      isKnowledgePath(c.source) ? { source: knowledgeTitle(c.source), quote: cleanUserText(c.quote) } : { ...c, quote: cleanUserText(c.quote), ...citedPlace(c, report) },
    ),
    findings: reply.findings.map((f) => ({ ...f, message: text(f.message) })),
    ...(reply.details ? { details: text(reply.details) } : {}),
    ...(reply.draft ? { draft: { ...reply.draft, text: cleanUserText(reply.draft.text) } } : {}),
  };
}
