import type { Evidence } from '../guard/evidence.js';
import { traceNumbers } from '../guard/number-trace.js';

/** Shown in place of a sentence whose numbers the guard could not trace yet (the final answer replaces it). */
export const HELD_BACK = '（正在核对数字……）';
const SENTENCE_END = /[。！？；!?;\n]/u;

/**
 * A model's answer as it streams, sentence by sentence through the number guard: a finished sentence whose every
 * number traces to the evidence is passed on; at the first one that does not, the stream stops showing text (and
 * says it is checking) — an invented number is never shown. The final answer (guarded whole, retried or offline)
 * replaces everything streamed. A new model message (another attempt, a message before a tool call) starts over.
 */
export function createGuardedStream(onPartial: (text: string) => void, evidence: () => Evidence): { add(messageId: string, delta: string): void } {
  let current: string | undefined;
  let pending = '';
  let shown = '';
  let held = false;
  return {
    add(messageId, delta) {
      if (messageId !== current) {
        current = messageId;
        pending = '';
        shown = '';
        held = false;
      }
      if (held || delta === '') return;
      pending += delta;
      let changed = false;
      for (;;) {
        const at = pending.search(SENTENCE_END);
        if (at < 0) break;
        const sentence = pending.slice(0, at + 1);
        pending = pending.slice(at + 1);
        if (!traceNumbers(sentence, evidence()).ok) {
          held = true;
          onPartial(`${shown}${shown === '' ? '' : '\n'}${HELD_BACK}`);
          return;
        }
        shown += sentence;
        changed = true;
      }
      if (changed && shown.trim() !== '') onPartial(shown);
    },
  };
}
