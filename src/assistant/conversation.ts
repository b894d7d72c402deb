import type { Rubric } from '../model/index.js';
import { readReportBytesOffThread as readReportBytes } from '../report/worker/read-report-off-thread.js'; // off the event loop, with limits
import { PROGRESS_AFTER_MS, type Attachment, type Reply, type Turn, type TurnHandler } from './turn.js';
import { recognizeIntent, type Intent } from './intents.js';
import { indicatorInText } from './indicator-lookup.js';
import { analyzeReport, type ReportContext } from './report-context.js';
import type { ConversationMemo, ConversationMemory, StoredTurn } from './memory.js';
import type { KnowledgeSearch } from './knowledge-port.js';
import { emptyAnswer, type Answer, type AnswerContext } from './answers/answer.js';
import { answerOffline } from './answers/offline-answer.js';
import { answerPolicy } from './answers/policy-answer.js';
import { answerPastReport } from './answers/past-report-answer.js';
import type { LlmSettings } from './llm/llm-settings.js';
import { composeDraft } from './draft-service.js';
import { answerLoaded } from './answers/loaded-report.js';
import { answerCheck } from './answers/check-summary.js';
import { answerHelp } from './answers/help.js';
import { understandQuestion, type UnderstoodQuestion } from './understand/understand-question.js';
import { understandTurn, type TurnPlan } from './understand/understand-turn.js';
import { answerReportQuery } from './answers/understood-answer.js';
import { answerFix, answerFragment, answerPreviousYear, answerWrite, draftAsWord, lostPointsLead } from './follow-ups.js';
import { guardOffline, toReply } from './guard/guard-answer.js';
import { finishReply } from './guard/channel-text.js';
import { shortAnswer } from './guard/short-answer.js';
import { channelHelp } from './channel-help.js';

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

/** Intents whose question may be a policy question (answers/policy-answer.ts decides, else null). */
const POLICY_INTENTS = new Set<Intent['kind']>(['rule', 'total', 'target', 'lost-points', 'compare-last-year', 'follow-up-item']);

/** Intents answered the same way with or without a model: commands and fixed texts. */
const OFFLINE_ONLY = new Set<Intent['kind']>(['help', 'reset', 'follow-up-item']);

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

/** A check summary without its numbered finding lines ("1. [警告] 第 117 行：…") and their "另有 N 条" tail. */
function withoutFindingLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\d+\.\s*\[(?:错误|警告|提示)\]/u.test(line) && !/^另有 .*未列出/u.test(line))
    .join('\n');
}

/** A composed answer, how it was made, and what the next turn should know about it. */
interface Outcome {
  reply: Reply;
  memo: ConversationMemo;
  /** Keep the text whole (a draft, a help text, a file's note): no 详情 split. */
  whole?: boolean;
}

/**
 * The channel-neutral turn handler: one understanding step over the words and the thread's state (report, last
 * file, last answer's subject, last draft), then the answer — offline from checks, report and knowledge base, or
 * with the model through the number guard — shortened to its first lines with the rest kept for 详情.
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
    const progress = turn.onProgress ? setTimeout(() => turn.onProgress?.('正在查阅报告……'), PROGRESS_AFTER_MS) : undefined;
    try {
      return await respond(turn);
    } finally {
      clearTimeout(progress);
    }
  }

  async function respond(turn: Turn): Promise<Reply> {
    const attachment = turn.attachments[0];
    if (attachment) await deps.memory.setFile(turn.thread, attachment.name, attachment.bytes);
    const state = await deps.memory.load(turn.thread);
    const previous = [...state.turns].reverse().find((t) => t.role === 'assistant' && t.memo)?.memo ?? null;
    const { plan, text: question, english, corrected } = understandTurn(turn.text, {
      report: state.report?.report ?? null,
      file: attachment ? { name: attachment.name } : state.file,
      attachedNow: attachment !== undefined,
      previous,
    });
    log?.info('turn', { thread: turn.thread, plan: plan.kind, report: state.report !== null, file: state.file !== null || attachment !== undefined, llm: Boolean(deps.llm) });
    if (plan.kind === 'reset') {
      await deps.memory.reset(turn.thread);
      return toReply(emptyAnswer('已清空本对话的记忆、已加载的报告和发过的文件。', 'reset'), 'offline', []);
    }
    if (plan.kind === 'file') return fileReply(turn, plan.request, attachment);

    let report: ReportContext | null = state.report ? analyzeReport(state.report.name, state.report.report, deps.rubric) : null;
    if (attachment) {
      const result = await loadAttachment(turn, attachment);
      if (!('report' in result)) return finishReply(result, turn.channel, null);
      report = result;
    }
    const said = new Set(state.turns.flatMap((t) => t.memo?.notices ?? []));
    const context: AnswerContext = { question, scope: turn.scope, rubric: deps.rubric, report, knowledge: deps.knowledge ?? null, previous, said };
    const outcome = await answerPlan(plan, turn, context, state.turns);
    const notes = english || corrected ? [`按“${question}”理解。`, ...outcome.reply.notes] : outcome.reply.notes;
    const short = outcome.whole ? { text: outcome.reply.text } : shortAnswer(outcome.reply.text);
    const reply: Reply = { ...outcome.reply, notes, text: short.text, ...(short.details ? { details: short.details } : {}) };
    const finished = finishReply(reply, turn.channel, report?.report ?? null);
    const memo: ConversationMemo = { ...outcome.memo, ...(finished.details ? { details: finished.details } : {}) };
    await remember(turn.thread, turn.text.trim() || `（发送了文件 ${attachment?.name ?? ''}）`, finished.text, memo);
    return finished;
  }

  async function answerPlan(plan: TurnPlan, turn: Turn, context: AnswerContext, history: StoredTurn[]): Promise<Outcome> {
    const previous = context.previous as ConversationMemo | null;
    const offline = (answer: Answer, extra: Partial<ConversationMemo> = {}, whole = false): Outcome => {
      const guarded = guardOffline(answer, context);
      const memo: ConversationMemo = { ...guarded.answer.memo, ...extra };
      if (guarded.answer.draft) memo.draft = { ...guarded.answer.draft, ...(extra.draft ?? {}) };
      return { reply: toReply(guarded.answer, 'offline', guarded.notes), memo, whole: whole || guarded.answer.draft !== undefined };
    };
    const report = context.report;
    switch (plan.kind) {
      case 'help':
        return { ...offline(emptyAnswer(channelHelp(turn.channel, answerHelp().text), 'help')), whole: true };
      case 'details': {
        const text = previous?.details ?? '上一条回答已经是全部内容。可以接着问，例如“那怎么改”“写一段说明”。';
        return { reply: { text, citations: [], findings: [], mode: 'offline', notes: [] }, memo: { ...(previous ?? { intent: 'details', items: [] }), details: undefined }, whole: true };
      }
      case 'paste':
        return offline(await answerFragment(context, plan.fragment, deps.rubric), {}, true);
      case 'loaded': {
        const loaded = answerLoaded(report!);
        const check = answerCheck(context);
        const shown = report!.findings.filter((f) => f.severity !== 'info');
        const result = offline({ ...loaded, findings: shown, computations: [...loaded.computations, ...check.computations] }, { items: check.memo.items });
        const details = guardOffline(check, context).answer.text;
        return { ...result, reply: { ...result.reply, details }, memo: { ...result.memo, details }, whole: true };
      }
      case 'fix':
        return offline(answerFix(context, plan.indicators), { subject: plan.indicators.length === 1 ? { indicator: plan.indicators[0]! } : {} });
      case 'write': {
        const written = answerWrite(context, plan.indicators, plan.topic, false);
        const subject = plan.indicators.length > 0 ? plan.indicators.join('、') : plan.topic ?? undefined;
        return offline(written, { draft: { section: written.draft?.section ?? '说明', text: written.draft?.text ?? '', ...(subject ? { subject } : {}) }, items: plan.indicators, ...(plan.topic ? { topic: plan.topic } : {}) });
      }
      case 'shorter':
        return shorterDraft(context, previous!.draft!, offline);
      case 'word': {
        const { answer, file } = await draftAsWord(previous!.draft!);
        const result = offline(answer, { draft: previous!.draft!, items: previous!.items, ...(previous!.topic ? { topic: previous!.topic } : {}) }, true);
        return { ...result, reply: { ...result.reply, files: [file] } };
      }
      case 'previous-year':
        return offline(await answerPreviousYear(context, plan.topic), { subject: { topic: plan.topic } });
      case 'question':
      case 'reset': // answered before the report is loaded
      case 'file':
        return answerQuestion(turn, context, history);
    }
  }

  async function shorterDraft(context: AnswerContext, draft: NonNullable<ConversationMemo['draft']>, offline: (a: Answer, m?: Partial<ConversationMemo>, w?: boolean) => Outcome): Promise<Outcome> {
    const previous = context.previous as ConversationMemo;
    if (draft.section === '扣分说明' || draft.section.endsWith('说明')) {
      const written = answerWrite(context, previous.items, previous.items.length > 0 ? null : previous.topic ?? draft.subject ?? null, true);
      return offline(written, { draft: { section: draft.section, text: written.draft?.text ?? '', shorter: true, ...(draft.subject ? { subject: draft.subject } : {}) }, items: previous.items, ...(previous.topic ? { topic: previous.topic } : {}) });
    }
    const intent: Intent = { kind: 'draft', section: draft.section as Extract<Intent, { kind: 'draft' }>['section'], shorter: true };
    const answer = await answerOffline(intent, context);
    if (deps.llm && context.report && answer.draft) return { reply: await draftWithModel(context, context.report, answer, deps.llm), memo: { ...answer.memo, draft: { ...answer.draft, shorter: true } }, whole: true };
    return offline(answer, { draft: { section: draft.section, text: answer.draft?.text ?? '', shorter: true } });
  }

  /** A question for the report and knowledge answers: intents + report understanding, offline or with the model. */
  async function answerQuestion(turn: Turn, context: AnswerContext, history: StoredTurn[]): Promise<Outcome> {
    const { report, question, previous } = context;
    const intent = recognizeIntent(question, (text) => indicatorInText(text, deps.rubric, report));
    const query = understood(intent, question, report, previous);
    // Policy questions (numbers worked out, or the system's documents) need no report: answers/policy-answer.ts.
    const policy = POLICY_INTENTS.has(intent.kind) ? await answerPolicy(context) : null;
    const past = await answerPastReport(context); // past reports in the knowledge base (issue 22), until understand/ routes them
    const offline = past ?? policy ?? (query ? await answerReportQuery(context, query) : await answerOffline(intent, context));
    // The check's findings are listed once, by the channel (severity, place, message): the text keeps its summary.
    if (!query && !policy && !past && intent.kind === 'check' && offline.findings.length > 0) offline.text = withoutFindingLines(offline.text);
    const lead = !query && intent.kind === 'lost-points' ? lostPointsLead(context, offline.memo.items) : null;
    if (lead) {
      const [first, ...rest] = offline.text.split('\n');
      offline.text = [first, lead, '', ...rest].join('\n');
    }
    const indicator = offline.memo.items.length === 1 && !offline.memo.items[0]!.startsWith('finding:') ? offline.memo.items[0] : undefined;
    const topic = query?.topic ?? undefined;
    const extra: Partial<ConversationMemo> = { subject: { ...(indicator ? { indicator } : {}), ...(topic ? { topic } : {}) } };
    if (offline.draft) extra.draft = { section: offline.draft.section, text: offline.draft.text, ...(offline.memo.shorter ? { shorter: true } : {}) };
    const memo: ConversationMemo = { ...offline.memo, ...extra };
    // A draft that could not be made with a report loaded (the store holding last year's report is down) is said as is.
    const undrafted = intent.kind === 'draft' && report !== null && !offline.draft;
    if (past || !deps.llm || undrafted || OFFLINE_ONLY.has(intent.kind) || (intent.kind !== 'draft' && intent.kind !== 'shorter' && !report && !deps.knowledge)) {
      const guarded = guardOffline(offline, context);
      return { reply: toReply(guarded.answer, 'offline', guarded.notes), memo, whole: intent.kind === 'help' || guarded.answer.draft !== undefined };
    }
    if ((intent.kind === 'draft' || (intent.kind === 'shorter' && offline.draft)) && report && offline.draft) {
      const reply = await draftWithModel(context, report, offline, deps.llm);
      return { reply, memo: { ...memo, draft: { section: offline.draft.section, text: reply.draft?.text ?? offline.draft.text } }, whole: true };
    }
    return { reply: await answerWithModel(context, history, offline, deps.llm, turn.onPartial), memo };
  }

  async function fileReply(turn: Turn, request: NonNullable<ReturnType<typeof import('./file-requests/file-replies.js').fileRequestOf>>, attachment: Attachment | undefined): Promise<Reply> {
    const { answerFileRequest } = await import('./file-requests/file-replies.js'); // file requests
    const file = request === 'template' ? undefined : attachment ?? (await deps.memory.loadFile(turn.thread)) ?? undefined;
    const reply = await answerFileRequest({ ...turn, attachments: file ? [file] : [] }, deps.rubric);
    const done = finishReply(reply ?? toReply(emptyAnswer('请先把文件发给我，再说「批注」或「起草全文」。', 'file'), 'offline', []), turn.channel, null);
    await remember(turn.thread, turn.text.trim(), done.text, { intent: 'file', items: [] });
    return done;
  }

  async function draftWithModel(context: AnswerContext, report: ReportContext, offline: Answer, llm: LlmSettings): Promise<Reply> {
    const section = offline.memo.section as Parameters<typeof composeDraft>[1];
    const previousYear = offline.draftSource?.previousYear; // looked up once, by the offline draft (answers/offline-answer.ts)
    const result = await composeDraft(report, section, { shorter: offline.memo.shorter ?? false, llm, ...(previousYear ? { previousYear } : {}) });
    if (result.mode === 'offline') {
      log?.warn('llm-fallback', { reason: result.notes[0] ?? '', attempts: result.attempts });
      const guarded = guardOffline(offline, context);
      return toReply(guarded.answer, 'offline', [...result.notes, ...guarded.notes]);
    }
    const text = `${offline.draftSource?.lead ?? ''}“${section}”草稿${offline.memo.shorter ? '（精简版）' : ''}：\n\n${result.text}`;
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

  async function remember(thread: string, question: string, text: string, memo: ConversationMemo): Promise<void> {
    await deps.memory.append(thread, [
      { role: 'user', text: question, memo: null },
      { role: 'assistant', text, memo },
    ]);
  }

  return { handle };
}
