import { AIMessage, HumanMessage, type BaseMessage } from '@langchain/core/messages';
import type { SectionDraft } from '../../drafting/draft-source.js';
import { prompt } from '../prompts.js';
import { traceNumbers, type Evidence, type GuardResult } from '../guard/number-trace.js';
import { createChatModel } from './chat-model.js';
import { turnDeadlineMs, type LlmSettings } from './llm-settings.js';
import { classifyLlmError, guardFailure, type LlmFailure } from './llm-failure.js';
import { isNonAnswer, stripReasoning } from './model-habits.js';

export type PhrasingOutcome =
  | { ok: true; text: string; guard: GuardResult; attempts: number }
  | { ok: false; failure: LlmFailure; attempts: number };

/** Strip a heading or code fence the model may add around the section text. */
function cleanDraft(text: string, section: string): string {
  return text
    .replace(/^```[a-z]*\n?|```$/gimu, '')
    .replace(new RegExp(`^#*\\s*[（(]?[一二三四五六七八九十]*[、.）)]?\\s*${section}\\s*\\n`, 'u'), '')
    .trim();
}

/** Let the model phrase a template draft in the house style; the guard checks it, one retry with feedback. */
export async function phraseDraft(draft: SectionDraft, evidence: Evidence, settings: LlmSettings, shorter: boolean): Promise<PhrasingOutcome> {
  const model = createChatModel(settings);
  const messages: BaseMessage[] = [
    new HumanMessage(
      prompt('draft-section', {
        section: draft.section,
        facts: draft.facts.join('\n') || '（无）',
        template_draft: draft.text,
        length_hint: shorter ? '精简，每点一句话' : '完整，每点两到三句话',
      }),
    ),
  ];
  const signal = AbortSignal.timeout(turnDeadlineMs(settings));
  let guard: GuardResult | null = null;
  let attempts = 0;
  try {
    for (attempts = 1; attempts <= 2; attempts += 1) {
      const reply = await model.invoke(messages, { signal });
      const raw = typeof reply.content === 'string' ? reply.content : reply.content.map((p) => ('text' in p ? String(p.text) : '')).join('');
      const text = cleanDraft(stripReasoning(raw), draft.section);
      if (isNonAnswer(text)) return { ok: false, failure: { kind: 'invalid-output', note: '模型没有给出草稿，以下为离线草稿。', detail: text === '' ? 'empty draft' : 'not a draft' }, attempts };
      guard = traceNumbers(text, evidence);
      if (guard.ok) return { ok: true, text, guard, attempts };
      messages.push(new AIMessage(stripReasoning(raw)));
      messages.push(new HumanMessage(prompt('guard-feedback', { numbers: [...new Set(guard.untraced.map((m) => m.text))].join('、') })));
    }
  } catch (error) {
    return { ok: false, failure: classifyLlmError(error), attempts };
  }
  return { ok: false, failure: guardFailure([...new Set(guard!.untraced.map((m) => m.text))]), attempts: 2 };
}
