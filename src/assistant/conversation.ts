import type { Rubric } from '../model/index.js';
import { readReportBytesOffThread as readReportBytes } from '../report/worker/read-report-off-thread.js'; // off the event loop, with limits
import type { Attachment, Reply, Turn, TurnHandler } from './turn.js';
import { recognizeIntent, type Intent } from './intents.js';
import { indicatorInText } from './indicator-lookup.js';
import { analyzeReport, type ReportContext } from './report-context.js';
import type { ConversationMemory, StoredTurn } from './memory.js';
import type { KnowledgeSearch } from './knowledge-port.js';
import { emptyAnswer, type Answer, type AnswerContext, type TurnMemo } from './answers/answer.js';
import { answerOffline } from './answers/offline-answer.js';
import { buildEvidence, markUntraced, traceNumbers, UNVERIFIED_NOTE } from './guard/number-trace.js';
import type { LlmSettings } from './llm/llm-settings.js';
import { composeDraft } from './draft-service.js';
import { answerLoaded } from './answers/loaded-report.js';
import { understandQuestion, type UnderstoodQuestion } from './understand/understand-question.js';
import { answerReportQuery } from './answers/report-query.js';
import { sourceTitles, withSourceNames } from './answers/rubric-quote.js';

export interface AssistantLogger {
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

export interface AssistantDeps {
  rubric: Rubric;
  memory: ConversationMemory;
  knowledge?: KnowledgeSearch | null;
  /** The model (from config.llm); none → offline mode. */
  llm?: LlmSettings | null;
  logger?: AssistantLogger;
}

/** Intents answered the same way with or without a model: commands and fixed texts. */
const OFFLINE_ONLY = new Set<Intent['kind']>(['help', 'reset', 'follow-up-item']);

function toReply(answer: Answer, mode: Reply['mode'], notes: string[]): Reply {
  return {
    text: answer.text,
    citations: answer.citations.map((c) => ({ source: c.source, quote: c.quote, ...(c.line !== undefined ? { line: c.line } : {}) })),
    findings: answer.findings,
    mode,
    ...(answer.draft ? { draft: answer.draft } : {}),
    notes,
  };
}

/** Put an offline answer through the guard; a number it cannot trace is marked 待核实 (never sent as fact). */
function guardOffline(raw: Answer, context: AnswerContext): { answer: Answer; notes: string[] } {
  const answer = withSourceNamesIn(raw, context.rubric);
  const evidence = buildEvidence({
    report: context.report?.report ?? null,
    findings: context.report?.findings ?? [],
    citations: answer.citations,
    computations: answer.computations,
    question: context.question,
    texts: [...answer.quoted, { text: sourceTitles(context.rubric), label: rubricLabel(context.rubric) }],
  });
  const result = traceNumbers(answer.text, evidence);
  if (result.ok) return { answer, notes: [] };
  const text = markUntraced(answer.text, result);
  return { answer: { ...answer, text, ...(answer.draft ? { draft: { ...answer.draft, text: markUntraced(answer.draft.text, traceNumbers(answer.draft.text, evidence)) } } : {}) }, notes: [UNVERIFIED_NOTE] };
}

function rubricLabel(rubric: Rubric): string {
  return `knowledge/rubrics/${rubric.id}.yaml`;
}

/** Source codes (S1, S5) → the sources' names, in the text and the quoted passages. */
function withSourceNamesIn(answer: Answer, rubric: Rubric): Answer {
  return {
    ...answer,
    text: withSourceNames(answer.text, rubric),
    citations: answer.citations.map((c) => ({ ...c, quote: withSourceNames(c.quote, rubric) })),
  };
}

/** Intents whose question may be a question about the report's own content, and which parts may answer it. */
const UNDERSTOOD_FOR: Partial<Record<Intent['kind'], ReadonlySet<string>>> = {
  rule: new Set(['lookup', 'compute', 'scores', 'findings', 'what-it-takes', 'section-review']),
  check: new Set(['findings', 'section-review']),
  target: new Set(['what-it-takes']),
  'compare-last-year': new Set(['compute', 'lookup']),
  total: new Set(['compute']),
  'lost-points': new Set(['scores']),
};

function understood(intent: Intent, question: string, report: ReportContext | null, previous: AnswerContext['previous']): UnderstoodQuestion | null {
  const allowed = UNDERSTOOD_FOR[intent.kind];
  if (!report || !allowed || (intent.kind === 'target' && intent.indicator)) return null;
  const result = understandQuestion(question, report.report, { previousTopic: previous?.topic ?? null });
  if (!result || !result.parts.some((p) => allowed.has(p.kind))) return null;
  // "预算执行那块扣了几分" asks for a block's score; "为什么扣了2分" and a leaf's lost points stay with lost-points.
  if (intent.kind === 'lost-points' && !result.parts.every((p) => p.kind === 'scores' && p.nodes.length > 0 && p.nodes.every((n) => n.children.length > 0))) return null;
  return result;
}

/**
 * The channel-neutral turn handler: load an attached report, remember the thread, recognise what is asked,
 * answer offline from checks, report and knowledge base, or with the model through the number guard.
 */
export function createAssistant(deps: AssistantDeps): TurnHandler {
  const log = deps.logger;

  async function loadAttachment(turn: Turn, attachment: Attachment): Promise<Reply | ReportContext> {
    const parsed = await readReportBytes(attachment.name, attachment.bytes);
    if (!parsed.ok) {
      const message = parsed.problems[0]?.message ?? '无法读取这个文件。';
      return toReply(emptyAnswer(`没能加载“${attachment.name}”：${message}`, 'load'), 'offline', []);
    }
    await deps.memory.setReport(turn.thread, attachment.name, parsed.report);
    return analyzeReport(attachment.name, parsed.report, deps.rubric);
  }

  async function handle(turn: Turn): Promise<Reply> {
    const question = turn.text.trim();
    const quickIntent = recognizeIntent(question, () => null);
    if (quickIntent.kind === 'reset') {
      await deps.memory.reset(turn.thread);
      return toReply(emptyAnswer('已清空本对话的记忆和已加载的报告。', 'reset'), 'offline', []);
    }
    let loaded: ReportContext | null = null;
    const attachment = turn.attachments[0];
    if (attachment) {
      const result = await loadAttachment(turn, attachment);
      if (!('report' in result)) return result;
      loaded = result;
    }
    const state = await deps.memory.load(turn.thread);
    const report: ReportContext | null =
      loaded ?? (state.report ? analyzeReport(state.report.name, state.report.report, deps.rubric) : null);
    if (loaded && question === '') {
      const answer = answerLoaded(loaded);
      const guarded = guardOffline(answer, { question, scope: turn.scope, rubric: deps.rubric, report, knowledge: null, previous: null });
      await remember(turn.thread, `（发送了文件 ${attachment!.name}）`, guarded.answer.text, guarded.answer.memo);
      return toReply(guarded.answer, 'offline', guarded.notes);
    }
    const previous = [...state.turns].reverse().find((t) => t.role === 'assistant' && t.memo)?.memo ?? null;
    const said = new Set(state.turns.flatMap((t) => t.memo?.notices ?? []));
    const context: AnswerContext = { question, scope: turn.scope, rubric: deps.rubric, report, knowledge: deps.knowledge ?? null, previous, said };
    const intent = recognizeIntent(question, (text) => indicatorInText(text, deps.rubric, report));
    const query = understood(intent, question, report, previous);
    log?.info('turn', { thread: turn.thread, intent: intent.kind, query: query?.parts.map((p) => p.kind).join('+') ?? null, report: report !== null, llm: Boolean(deps.llm) });

    const offline = query ? await answerReportQuery(context, query) : await answerOffline(intent, context);
    let reply: Reply;
    if (!deps.llm || OFFLINE_ONLY.has(intent.kind) || (intent.kind !== 'draft' && intent.kind !== 'shorter' && !report && !deps.knowledge)) {
      const guarded = guardOffline(offline, context);
      reply = toReply(guarded.answer, 'offline', guarded.notes);
    } else if ((intent.kind === 'draft' || (intent.kind === 'shorter' && offline.draft)) && report && offline.draft) {
      reply = await draftWithModel(context, report, offline, deps.llm);
    } else {
      reply = await answerWithModel(context, state.turns, offline, deps.llm, turn.onPartial);
    }
    await remember(turn.thread, question, reply.text, offline.memo);
    return reply;
  }

  async function draftWithModel(context: AnswerContext, report: ReportContext, offline: Answer, llm: LlmSettings): Promise<Reply> {
    const section = offline.memo.section as Parameters<typeof composeDraft>[1];
    const result = await composeDraft(report, section, { shorter: offline.memo.shorter ?? false, llm });
    if (result.mode === 'offline') {
      log?.warn('llm-fallback', { reason: result.notes[0] ?? '', attempts: result.attempts });
      const guarded = guardOffline(offline, context);
      return toReply(guarded.answer, 'offline', [...result.notes, ...guarded.notes]);
    }
    const text = `“${section}”草稿${offline.memo.shorter ? '（精简版）' : ''}：\n\n${result.text}`;
    return toReply({ ...offline, text, draft: { section, text: result.text } }, 'llm', []);
  }

  async function answerWithModel(context: AnswerContext, history: StoredTurn[], offline: Answer, llm: LlmSettings, onPartial?: (text: string) => void): Promise<Reply> {
    const { answerWithAgent } = await import('./llm/agent-answer.js'); // LangChain loads only when a model answers
    const outcome = await answerWithAgent(context, history, llm, onPartial);
    if (outcome.ok) return toReply(outcome.answer, 'llm', []);
    log?.warn('llm-fallback', { kind: outcome.failure.kind, detail: outcome.failure.detail, attempts: outcome.attempts });
    const guarded = guardOffline(offline, context);
    return toReply(guarded.answer, 'offline', [outcome.failure.note, ...guarded.notes]);
  }

  async function remember(thread: string, question: string, text: string, memo: TurnMemo): Promise<void> {
    await deps.memory.append(thread, [
      { role: 'user', text: question, memo: null },
      { role: 'assistant', text, memo },
    ]);
  }

  return { handle };
}
