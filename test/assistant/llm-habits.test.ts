import { afterEach, describe, expect, it } from 'vitest';
import type { LlmSettings } from '../../src/assistant/llm/llm-settings.ts';
import type { Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { createThinkFilter, isNonAnswer, stripReasoning } from '../../src/assistant/llm/model-habits.ts';
import { NON_ANSWER_NOTE, UNTOOLED_NOTE } from '../../src/assistant/llm/agent-answer.ts';
import { lastContent, sampleAssistantWithModel, type FakeHandler, type FakeOpenAIChat } from '../helpers/fake-openai-chat.ts';

/** Real models' habits against the loopback fake: reasoning in the content, rate limits, non-answers, slowness. */
let fake: FakeOpenAIChat | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const turn = (text: string, extra: Partial<Turn> = {}): Turn => ({ text, user: 'test', scope: 'public', thread: 't', attachments: [], ...extra });

async function assistantWith(handler: FakeHandler, overrides: Partial<LlmSettings> = {}): Promise<TurnHandler> {
  const started = await sampleAssistantWithModel(handler, overrides);
  fake = started.fake;
  return started.assistant;
}

/** Asks ask_report, then answers with the share it computed — inside the given wrapping (e.g. after <think>). */
function shareModel(wrap: (answer: string) => string, streamingReasoning?: string): FakeHandler {
  return (request, index) => {
    if (index === 0) return { kind: 'tool-calls', calls: [{ name: 'ask_report', arguments: { question: '基本支出占总支出的比例是多少' } }] };
    const result = JSON.parse(lastContent(request, 'tool')) as { computations: { result: string }[] };
    return { kind: 'text', content: wrap(`基本支出占总支出的 ${result.computations[0]!.result}（第 39 行）。`), ...(streamingReasoning ? { reasoning: streamingReasoning } : {}) };
  };
}

const THINK = '<think>用户问比例。2024 年 231.11 ÷ 285.53，我估计大概是 81%，也可能是 79.3%，先查一下。</think>\n';

describe('reasoning in the content', () => {
  it('strips <think> blocks, a block cut off at the end, and a lone closing tag', () => {
    expect(stripReasoning(`${THINK}答案是 80.94%。`)).toBe('答案是 80.94%。');
    expect(stripReasoning('答案是 80.94%。<think>还没想完 12.5')).toBe('答案是 80.94%。');
    expect(stripReasoning('先想想 99 分……</think>总分 99 分。')).toBe('总分 99 分。');
    const filter = createThinkFilter();
    const pieces = ['<th', 'ink>想 81', '% 吧</th', 'ink>基本支出占', '总支出的 80.94%。'];
    expect(pieces.map((p) => filter('m1', p)).join('')).toBe('基本支出占总支出的 80.94%。');
  });

  it('never shows <think> to the user, and its numbers do not send the turn offline (JSON and SSE)', async () => {
    for (const streaming of [false, true]) {
      const partials: string[] = [];
      const assistant = await assistantWith(shareModel((a) => `${THINK}${a}`), { streaming });
      const reply = await assistant.handle(turn('基本支出占总支出的比例是多少', { onPartial: (t) => partials.push(t) }));
      expect(reply.mode).toBe('llm');
      expect(reply.text).toBe('基本支出占总支出的 80.94%（第 39 行）。');
      for (const text of [reply.text, ...partials]) {
        expect(text).not.toMatch(/think|我估计|79\.3/u);
      }
      await fake!.close();
      fake = undefined;
    }
  });
});

describe('rate limits and server errors', () => {
  it('retries HTTP 429 without Retry-After (backoff with jitter) and answers with the model', async () => {
    let calls = 0;
    const share = shareModel((a) => a);
    const assistant = await assistantWith(
      (request, index) => {
        calls += 1;
        return calls === 1 || calls === 3 ? { kind: 'error', status: 429, message: 'rate limited' } : share(request, index === 1 ? 0 : 1);
      },
      { maxRetries: 2, retryBaseDelayMs: 50 },
    );
    const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
    expect(reply.notes).toEqual([]);
    expect(reply.mode).toBe('llm');
    expect(fake!.requests.length).toBe(4); // 429, tool call, 429, answer
  });

  it('honours a short Retry-After on 503, and falls back offline with a notice when retries run out', async () => {
    const assistant = await assistantWith(() => ({ kind: 'error', status: 503, message: 'overloaded', headers: { 'retry-after': '0' } }), { maxRetries: 2, retryBaseDelayMs: 20 });
    const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
    expect(fake!.requests.length).toBe(3);
    expect(reply.mode).toBe('offline');
    expect(reply.notes[0]).toContain('HTTP 503');
    expect(reply.text).toContain('80.94%');
  });
});

describe('replies that are not answers', () => {
  it('recognises acknowledgements of the guard feedback', () => {
    expect(isNonAnswer('好的，已删除无法核实的数字。')).toBe(true);
    expect(isNonAnswer('好的，我已经去掉了这些数字。')).toBe(true);
    expect(isNonAnswer('')).toBe(true);
    expect(isNonAnswer('好的。基本支出占总支出的 80.94%。')).toBe(false);
  });

  it('falls back offline on "好的，已删除…" and on a number list written without any tool call', async () => {
    const cases: [FakeHandler, string][] = [
      [scriptedNonAnswer(), NON_ANSWER_NOTE],
      [() => ({ kind: 'text', content: '相关的数字是 2024、2024、2024。' }), UNTOOLED_NOTE],
    ];
    for (const [handler, note] of cases) {
      const assistant = await assistantWith(handler);
      const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
      expect(reply.mode).toBe('offline');
      expect(reply.notes[0]).toBe(note);
      expect(reply.text).toContain('80.94%');
      expect(reply.text).not.toContain('已删除');
      await fake!.close();
      fake = undefined;
    }
  });
});

function scriptedNonAnswer(): FakeHandler {
  return (_request, index) =>
    index === 0
      ? { kind: 'tool-calls', calls: [{ name: 'ask_report', arguments: { question: '基本支出占总支出的比例是多少' } }] }
      : { kind: 'text', content: '好的，已删除无法核实的数字，请以报告为准。' };
}

describe('a slow model', () => {
  it('shows a progress notice within 2 s when the model takes 20 s (and the answer still comes)', async () => {
    const share = shareModel((a) => a);
    const assistant = await assistantWith((request, index) => ({ kind: 'delay', ms: index === 0 ? 20_000 : 0, then: share(request, index) }), { timeoutMs: 30_000 });
    const started = Date.now();
    let noticeAt: number | null = null;
    let notice = '';
    const answering = assistant.handle(
      turn('基本支出占总支出的比例是多少', {
        onProgress: (text) => {
          noticeAt = Date.now() - started;
          notice = text;
        },
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(noticeAt).not.toBeNull();
    expect(noticeAt!).toBeLessThan(2_000);
    expect(notice).toContain('正在查阅报告');
    const reply = await answering;
    expect(reply.mode).toBe('llm');
    expect(reply.text).toContain('80.94%');
  }, 40_000);
});
