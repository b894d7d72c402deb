import type { Rubric } from '../model/index.js';
import { findShortfalls, type Shortfall } from '../drafting/shortfalls.js';
import { measureFor } from '../drafting/suggestions.js';
import { sentence } from '../drafting/house-style.js';
import { readReportBytesOffThread as readReportBytes } from '../report/worker/read-report-off-thread.js';
import { emptyAnswer, NO_REPORT_TEXT, type Answer, type AnswerContext } from './answers/answer.js';
import { answerTarget } from './answers/target-score.js';
import { answerReportQuery } from './answers/understood-answer.js';
import { answerCompare } from './answers/compare-last-year.js';
import { resolveIndicator } from './indicator-lookup.js';
import { analyzeReport } from './report-context.js';
import type { ConversationMemo } from './memory.js';
import type { ReplyFile } from './turn.js';
import { subjectFor, understandQuestion } from './understand/understand-question.js';
import { queryOf } from '../report/query/report-query.js';

/**
 * Answers to follow-ups resolved by the understanding step against the thread's state: what it takes to fix the
 * indicator just explained, a paragraph about it, that paragraph shorter or as Word, last year's figure of the same
 * subject; and a pasted report fragment checked on its own.
 */

function shortfallOf(context: AnswerContext, name: string): Shortfall | null {
  const report = context.report!;
  const node = resolveIndicator(name, context.rubric, report).node;
  if (!node) return null;
  return findShortfalls(report).find((s) => s.indicator === node.name) ?? null;
}

/** "那怎么改": per indicator, the gap and a concrete measure first; what full marks need (rubric or own standard) after. */
export function answerFix(context: AnswerContext, indicators: readonly string[]): Answer {
  const answer = emptyAnswer('', 'fix');
  if (!context.report) return emptyAnswer(NO_REPORT_TEXT, 'fix');
  const heads: string[] = [];
  const blocks: string[] = [];
  indicators.forEach((name, i) => {
    const target = answerTarget(context, name);
    answer.citations.push(...target.citations);
    answer.computations.push(...target.computations);
    answer.quoted.push(...target.quoted);
    answer.memo.notices = [...new Set([...(answer.memo.notices ?? []), ...(target.memo.notices ?? [])])];
    const shortfall = shortfallOf(context, name);
    if (shortfall) answer.computations.push(...shortfall.computations);
    heads.push(`**${indicators.length > 1 ? `${i + 1}. ` : ''}${name}**：${shortfall ? `${sentence(shortfall.brief)}${measureFor(shortfall, true)}` : '没有找到扣分的依据，见下面的评分规则。'}`);
    const need = target.text.split('\n').slice(1).join('\n');
    blocks.push([`**${name}**`, ...(need ? [need] : []), ...(shortfall ? [`怎么改：${measureFor(shortfall, false)}`] : [])].join('\n'));
  });
  answer.text = [`要把扣掉的分拿回来：`, ...heads, '', ...blocks].join('\n');
  answer.memo.items = [...indicators];
  return answer;
}

/** The lead of a lost-points list: each deducted indicator in one line with the cause the report gives. */
export function lostPointsLead(context: AnswerContext, items: readonly string[]): string | null {
  const report = context.report;
  if (!report || items.length < 2) return null;
  const lines = items.slice(0, 5).map((name, i) => {
    const node = resolveIndicator(name, context.rubric, report).node;
    const s = shortfallOf(context, name);
    if (!node || node.weight === null || node.score === null) return null;
    const cause = s?.cause ?? (node.reason ? sentence(node.reason.slice(0, 60)) : '报告没有写扣分原因。');
    return `**${i + 1}. ${node.name}**：${node.weight} → ${node.score} 分。${s ? sentence(s.brief) : ''}${cause}`;
  });
  return lines.every((l) => l !== null) ? lines.join('\n') : null;
}

/** "写一段说明": a paragraph on the last subject — the deducted indicators, or a figure's topic — ready to paste. */
export function answerWrite(context: AnswerContext, indicators: readonly string[], topic: string | null, shorter: boolean): Answer {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'write');
  const answer = emptyAnswer('', 'write');
  const points: string[] = [];
  for (const name of indicators) {
    const s = shortfallOf(context, name);
    if (!s) {
      const node = resolveIndicator(name, context.rubric, report).node;
      if (node) points.push(sentence(`${node.name}分值 ${node.weight ?? '未写明'} 分，自评 ${node.score ?? '未写明'} 分，未扣分`));
      continue;
    }
    answer.computations.push(...s.computations);
    points.push(shorter ? `${sentence(s.brief)}下一步将${measureFor(s, true)}` : `${sentence(s.title)}${s.facts}${s.cause ?? ''}下一步，${measureFor(s, false)}`);
  }
  if (topic && indicators.length === 0) {
    const found = subjectFor(report.report, topic);
    const sentences = [...new Set(found.matches.map((m) => m.entry.sentence.trim()))].slice(0, shorter ? 1 : 3);
    for (const m of found.matches) answer.quoted.push({ text: m.entry.sentence, label: `line ${m.entry.figure.line}` });
    if (sentences.length > 0) points.push(`关于${topic}：${sentences.map((t) => sentence(t)).join('')}`);
  }
  if (points.length === 0) {
    answer.text = '不确定要写哪一方面的说明。可以说“写一段政府采购执行率的扣分说明”，或先问一个指标再说“写一段说明”。';
    return answer;
  }
  const subject = indicators.length > 0 ? indicators.join('、') : topic!;
  const section = indicators.length > 0 ? '扣分说明' : `${topic}说明`;
  const text = points.join('\n\n');
  answer.text = `“${subject}”${section.endsWith('扣分说明') ? '的扣分说明' : '的说明'}${shorter ? '（精简版）' : ''}：\n\n${text}`;
  answer.draft = { section, text };
  answer.memo = { intent: 'write', items: [...indicators], ...(topic ? { topic } : {}) };
  return answer;
}

/** "发我Word文件": the last draft as a .docx (GB/T 9704 house style of the full-report drafts). */
export async function draftAsWord(draft: NonNullable<ConversationMemo['draft']>): Promise<{ answer: Answer; file: ReplyFile }> {
  const { renderDocx } = await import('../drafting/document/render-docx.js');
  const title = `${draft.subject && !draft.section.includes(draft.subject) ? `${draft.subject}` : ''}${draft.section}（草稿）`;
  const paragraphs = draft.text.split(/\n+/u).map((t) => t.trim()).filter((t) => t !== '');
  const bytes = await renderDocx([{ kind: 'title', text: title }, ...paragraphs.map((text) => ({ kind: 'paragraph' as const, text }))], title);
  const answer = emptyAnswer(`已把“${draft.section}”草稿${draft.shorter ? '（精简版）' : ''}做成 Word 文件，见附件。`, 'word');
  return { answer, file: { name: `${title}.docx`, title, bytes: new Uint8Array(bytes) } };
}

/** "去年呢": the same subject's 上年 figure from the report, else last year's report in the knowledge base. */
export async function answerPreviousYear(context: AnswerContext, topic: string): Promise<Answer> {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'previous-year');
  const asked = understandQuestion(`上年${topic}是多少`, report.report, { previousTopic: topic });
  const found = asked?.parts.some((p) => p.kind === 'lookup' && p.subjects.some((s) => s.found && s.matches.some((m) => m.entry.period === 'previous')));
  if (asked && found) {
    const answer = await answerReportQuery(context, asked);
    answer.memo.topic = topic;
    return answer;
  }
  const indicator = resolveIndicator(topic, context.rubric, report);
  const compared = await answerCompare(context, indicator.node ? indicator.node.name : topic);
  compared.text = `报告里没有写“${topic}”的上年数。${compared.text}`;
  compared.memo.topic = topic;
  return compared;
}

/** Rules about a whole report (totals, weights adding up to the rubric): not findings about a pasted piece. */
const WHOLE_REPORT_RULES = new Set(['score/weights-sum', 'score/total-matches', 'score/unmatched-indicator']);

/** 「帮我检查这段：…」: the fragment read as a report on its own, its indicators listed and its findings given. */
export async function answerFragment(context: AnswerContext, fragment: string, rubric: Rubric): Promise<Answer> {
  const parsed = await readReportBytes('粘贴的文字.txt', new TextEncoder().encode(fragment));
  if (!parsed.ok) {
    return emptyAnswer(`没能从这段文字里读出指标和得分：${parsed.problems[0]?.message ?? '格式无法识别。'}可以把整份报告作为文件发给我。`, 'paste');
  }
  const pasted = analyzeReport('粘贴的文字', parsed.report, rubric);
  const findings = pasted.findings.filter((f) => !WHOLE_REPORT_RULES.has(f.ruleId) && f.severity !== 'info');
  const answer = emptyAnswer('', 'paste');
  const leaves = queryOf(pasted.report).leaves();
  const read = leaves.map((n) => `${n.name}（分值 ${n.weight ?? '未写明'} 分，自评 ${n.score ?? '未写明'} 分）`);
  const lines = [read.length > 0 ? `这段文字里读到：${read.join('；')}。` : '这段文字里没有读到带分值和得分的指标，只核对了其中的数字和算式。'];
  if (findings.length === 0) lines.push('没有发现得分、分值或算式上的问题。');
  // The findings themselves are listed once, by the channel (severity, place, message).
  else lines.push(`发现${findings.length === 1 ? '一' : ` ${findings.length} `}处问题，见下面的检查发现。`);
  answer.findings.push(...findings);
  answer.computations.push({ expression: 'count', result: String(findings.length), unit: '处', shown: `${findings.length} 处` });
  answer.quoted.push({ text: fragment, label: 'pasted text' });
  answer.text = lines.join('\n');
  answer.memo.items = leaves.map((n) => n.name);
  return answer;
}
