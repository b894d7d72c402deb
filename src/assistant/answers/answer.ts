import type { Citation, Finding, Rubric } from '../../model/index.js';
import type { Computation } from '../../model/computation.js';
import type { QuotedPassage } from '../guard/number-trace.js';
import type { ReportContext } from '../report-context.js';
import type { KnowledgeSearch } from '../knowledge-port.js';
import type { PreviousYear } from '../../drafting/previous-year.js';

/** What a turn remembers for follow-ups ("那第二个呢", "再写短一点"). */
export interface TurnMemo {
  intent: string; // Intent kind
  items: string[]; // indicator names listed in the answer, in order
  section?: string; // the section drafted, if any
  shorter?: boolean;
  notices?: string[]; // boilerplate already said in this conversation (see notices.ts)
  topic?: string; // what a report question was about, for "那决算数呢"
}

/** An answer composed offline (or checked from the model), before the guard. */
export interface Answer {
  text: string;
  citations: QuotedPassage[];
  findings: Finding[];
  computations: Computation[];
  /** Verbatim texts the answer quotes besides citations (label + text), e.g. the rubric's rule. */
  quoted: { text: string; label: string }[];
  draft?: { section: string; text: string };
  /** What a draft was made from besides the report (last year's report), for the model to phrase the same draft. */
  draftSource?: { previousYear?: PreviousYear; lead: string };
  memo: TurnMemo;
}

/** What a composer may read. */
export interface AnswerContext {
  question: string;
  scope: string;
  rubric: Rubric;
  report: ReportContext | null;
  knowledge: KnowledgeSearch | null;
  previous: TurnMemo | null;
  /** Notices said earlier in this conversation (each at most once). */
  said?: ReadonlySet<string>;
}

export function emptyAnswer(text: string, intent: string): Answer {
  return { text, citations: [], findings: [], computations: [], quoted: [], memo: { intent, items: [] } };
}

/** A knowledge-base passage as a reply citation: the sentences most related to the query, with the first line. */
export function toQuoted(citation: Citation, maxLength = 240): QuotedPassage {
  const quote = citation.text.length > maxLength ? `${citation.text.slice(0, maxLength)}…` : citation.text;
  return { source: citation.source, quote, ...(citation.lineStart !== undefined ? { line: citation.lineStart } : {}) };
}

/** 「预算执行 › 资金管理」 */
export function pathText(path: readonly string[]): string {
  return path.join(' › ');
}

export const NO_REPORT_TEXT =
  '还没有加载报告。请先加载一份自评报告：终端里输入 /load 文件路径，命令行用 --report 文件，Slack / 企业微信里直接把报告文件发给我（支持 .txt .md .docx .doc .wps .pdf .xlsx .xls .et .html）。';
