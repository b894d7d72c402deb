import { createAgent } from 'langchain';
import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
import type { AnswerContext, Answer } from '../answers/answer.js';
import { emptyAnswer } from '../answers/answer.js';
import type { StoredTurn } from '../memory.js';
import { prompt } from '../prompts.js';
import { traceNumbers, type GuardResult } from '../guard/number-trace.js';
import { createToolState, evidenceOf, type ToolState } from '../tools/tool-state.js';
import { checkReportTool } from '../tools/check-report.js';
import { lookupIndicatorTool } from '../tools/lookup-indicator.js';
import { searchKnowledgeTool } from '../tools/search-knowledge.js';
import { computeTool } from '../tools/compute.js';
import { draftSectionTool } from '../tools/draft-section.js';
import { askReportTool, findFiguresTool } from '../tools/ask-report.js';
import { createChatModel } from './chat-model.js';
import { turnDeadlineMs, type LlmSettings } from './llm-settings.js';
import { classifyLlmError, guardFailure, type LlmFailure } from './llm-failure.js';
import { reportSummary } from './report-summary.js';
import { createGuardedStream } from './guarded-stream.js';
import { createThinkFilter, isNonAnswer, isUntooledNumberList, stripReasoning } from './model-habits.js';

/** What the user is told above the offline answer when the model's reply was not an answer. */
export const NON_ANSWER_NOTE = '模型没有给出有效回答，以下为离线回答。';
export const UNTOOLED_NOTE = '模型没有查阅报告就给出了数字，以下为离线回答。';

export type AgentOutcome = { ok: true; answer: Answer; guard: GuardResult; attempts: number } | { ok: false; failure: LlmFailure; attempts: number };

const HISTORY_TURNS = 6;

function textOf(message: BaseMessage | undefined): string {
  if (!message) return '';
  const content = message.content;
  if (typeof content === 'string') return content;
  return content.map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '')).join('');
}

async function runAgent(
  agent: ReturnType<typeof createAgent>,
  messages: BaseMessage[],
  settings: LlmSettings,
  signal: AbortSignal,
  partial?: ReturnType<typeof createGuardedStream>,
): Promise<BaseMessage[]> {
  const visible = createThinkFilter(); // reasoning in the content never reaches the partial stream
  if (!settings.streaming && !partial) {
    const state = await agent.invoke({ messages }, { signal, recursionLimit: 16 });
    return state.messages;
  }
  let last: BaseMessage[] = messages;
  const stream = await agent.stream({ messages }, { signal, recursionLimit: 16, streamMode: ['messages', 'values'] });
  for await (const [mode, chunk] of stream as AsyncIterable<[string, unknown]>) {
    if (mode === 'values') {
      const values = chunk as { messages?: BaseMessage[] };
      if (values.messages) last = values.messages;
    } else if (mode === 'messages' && partial && Array.isArray(chunk)) {
      const message = chunk[0] as BaseMessage | undefined;
      if (message?.getType() === 'ai') partial.add(message.id ?? '', visible(message.id ?? '', textOf(message)));
    }
  }
  return last;
}

/**
 * Answer with the langchain agent and its tools, then put the final message through the number guard.
 * A message that fails is sent back once with the guard's feedback; if it fails again the caller falls back offline.
 */
export async function answerWithAgent(
  context: AnswerContext,
  history: readonly StoredTurn[],
  settings: LlmSettings,
  onPartial?: (text: string) => void,
): Promise<AgentOutcome> {
  const state: ToolState = createToolState(context);
  const tools = [
    checkReportTool(state),
    lookupIndicatorTool(state),
    searchKnowledgeTool(state),
    computeTool(state),
    draftSectionTool(state),
    askReportTool(state),
    findFiguresTool(state),
  ];
  const agent = createAgent({
    model: createChatModel(settings),
    tools,
    systemPrompt: prompt('assistant-system', { report_summary: reportSummary(context.report), rubric_name: context.rubric.name }),
  });
  const messages: BaseMessage[] = history
    .slice(-HISTORY_TURNS)
    .map((t) => (t.role === 'user' ? new HumanMessage(t.text) : new AIMessage(t.text)));
  messages.push(new HumanMessage(context.question));
  const signal = AbortSignal.timeout(turnDeadlineMs(settings));
  const partial = onPartial ? createGuardedStream(onPartial, () => evidenceOf(state)) : undefined;
  let attempts = 0;
  let guard: GuardResult | null = null;
  try {
    for (attempts = 1; attempts <= 2; attempts += 1) {
      const result = await runAgent(agent, messages, settings, signal, partial);
      const final = result.at(-1);
      const text = stripReasoning(textOf(final));
      if (isNonAnswer(text)) return { ok: false, failure: { kind: 'invalid-output', note: NON_ANSWER_NOTE, detail: text === '' ? 'empty final message' : 'not an answer' }, attempts };
      const usedTools = result.some((m) => m.getType() === 'tool');
      if (isUntooledNumberList(text, usedTools)) {
        return { ok: false, failure: { kind: 'invalid-output', note: UNTOOLED_NOTE, detail: 'numbers without a tool call' }, attempts };
      }
      guard = traceNumbers(text, evidenceOf(state));
      if (guard.ok) {
        const answer = emptyAnswer(text, 'llm');
        answer.citations.push(...state.citations);
        answer.findings.push(...state.findings);
        answer.computations.push(...state.computations);
        const draft = state.drafts.at(-1);
        if (draft) answer.draft = { section: draft.section, text };
        return { ok: true, answer, guard, attempts };
      }
      messages.splice(0, messages.length, ...result);
      messages.push(new HumanMessage(prompt('guard-feedback', { numbers: [...new Set(guard.untraced.map((m) => m.text))].join('、') })));
    }
  } catch (error) {
    return { ok: false, failure: classifyLlmError(error), attempts };
  }
  return { ok: false, failure: guardFailure([...new Set(guard!.untraced.map((m) => m.text))]), attempts: 2 };
}
