import { extractNumbers } from '../guard/extract-numbers.js';

/**
 * What real OpenAI-compatible models do besides answering: reasoning inside the content (`<think>…</think>` from
 * Qwen3, DeepSeek-R1 on Ollama or vLLM without a reasoning parser), replies that are not answers ("好的，已删除无法
 * 核实的数字…"), and answers with numbers but no tool call behind them. Each is caught here before the guard.
 */

const THINK_BLOCK = /<think>[\s\S]*?<\/think>/giu;
const THINK_OPEN_TO_END = /<think>[\s\S]*$/iu; // a model cut off mid-thought: the rest is reasoning too
const THINK_CLOSE_ONLY = /^[\s\S]*?<\/think>/iu; // some templates put the opening tag in the prompt

/** The content without its reasoning. */
export function stripReasoning(content: string): string {
  let out = content.replace(THINK_BLOCK, '');
  if (/<\/think>/iu.test(out) && !/<think>/iu.test(out)) out = out.replace(THINK_CLOSE_ONLY, '');
  return out.replace(THINK_OPEN_TO_END, '').trim();
}

/**
 * A stream filter per model message: deltas inside <think>…</think> are dropped, the rest passed on. Tags split
 * across deltas are handled by holding back a possible tag prefix.
 */
export function createThinkFilter(): (messageId: string, delta: string) => string {
  let current: string | undefined;
  let inside = false;
  let held = '';
  return (messageId, delta) => {
    if (messageId !== current) {
      current = messageId;
      inside = false;
      held = '';
    }
    let text = held + delta;
    held = '';
    let out = '';
    for (;;) {
      const tag = inside ? '</think>' : '<think>';
      const at = text.toLowerCase().indexOf(tag);
      if (at < 0) break;
      if (!inside) out += text.slice(0, at);
      text = text.slice(at + tag.length);
      inside = !inside;
    }
    // Hold back a trailing prefix of the next tag ("<th") until the next delta shows what it is.
    const tag = inside ? '</think>' : '<think>';
    for (let n = Math.min(tag.length - 1, text.length); n > 0; n -= 1) {
      if (tag.startsWith(text.slice(-n).toLowerCase())) {
        held = text.slice(-n);
        text = text.slice(0, -n);
        break;
      }
    }
    return inside ? out : out + text;
  };
}

/** A reply about the conversation instead of an answer: an acknowledgement of the guard's feedback, a refusal to try. */
const NON_ANSWER = /^(?:好的|好|明白了?|收到|了解|没问题|抱歉|对不起)[，,。！!\s]*(?:我)?(?:已|已经|会|将)?(?:删除|删去|去掉|移除|修改|更正|改正|重新|调整)|(?:已|已经)(?:删除|删去|去掉|移除)(?:了)?(?:无法核实|不能核实|未经核实|没有出处)/u;

export function isNonAnswer(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed === '') return true;
  return NON_ANSWER.test(trimmed) || /^(?:好的|收到|明白|OK|ok)[。.!！]?$/u.test(trimmed);
}

/**
 * A bare list of numbers written without any tool call ("相关的数字是 2024、2024、2024"): a model that ignored the tools
 * and echoed numbers it saw. An answer that states the report's figures in sentences is left to the guard.
 */
export function isUntooledNumberList(text: string, usedTools: boolean): boolean {
  if (usedTools) return false;
  const numbers = extractNumbers(text);
  if (numbers.length < 3) return false;
  const counts = new Map<string, number>();
  for (const n of numbers) counts.set(`${n.value}${n.unit}`, (counts.get(`${n.value}${n.unit}`) ?? 0) + 1);
  if ([...counts.values()].some((c) => c >= 3)) return true;
  return /\d[\d.]*\s*(?:%|万元|元|分)?\s*[、，,；;]\s*\d[\d.]*\s*(?:%|万元|元|分)?\s*[、，,；;]\s*\d/u.test(text) && text.replace(/[\d.%、，,；;\s]/gu, '').length < 20;
}
