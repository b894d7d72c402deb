import { afterEach, describe, expect, it } from 'vitest';
import type { LlmSettings } from '../../src/assistant/llm/llm-settings.ts';
import type { Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { lastContent, sampleAssistantWithModel, type FakeHandler, type FakeOpenAIChat } from '../helpers/fake-openai-chat.ts';

/**
 * The agent against fakes that answer the way the main OpenAI-compatible servers do: tool calls in one SSE chunk or
 * split over several, DeepSeek/Qwen `reasoning_content` beside `content`, and a server that ignores `tools`.
 * The number guard decides what is sent; the report-question tool's computations count as this turn's.
 */
let fake: FakeOpenAIChat | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const turn = (text: string, attachments: Turn['attachments'] = []): Turn => ({ text, user: 'test', scope: 'public', thread: 't', attachments });

async function assistantWith(handler: FakeHandler, overrides: Partial<LlmSettings> = {}): Promise<TurnHandler> {
  const started = await sampleAssistantWithModel(handler, overrides);
  fake = started.fake;
  return started.assistant;
}

/** A model that asks the report tool, then answers with the share the tool computed. */
function shareModel(options: { oneChunk?: boolean; reasoning?: string } = {}): FakeHandler {
  return (request, index) => {
    if (index === 0) {
      return { kind: 'tool-calls', calls: [{ name: 'ask_report', arguments: { question: '基本支出占总支出的比例是多少' } }], ...options };
    }
    const result = JSON.parse(lastContent(request, 'tool')) as { computations: { result: string }[] };
    return { kind: 'text', content: `基本支出占总支出的 ${result.computations[0]!.result}（第 39 行）。`, ...(options.reasoning ? { reasoning: options.reasoning } : {}) };
  };
}

describe('OpenAI-compatible servers as they answer', () => {
  it('offers the report tools, and counts ask_report’s computation as traced (tool calls split over SSE chunks)', async () => {
    const assistant = await assistantWith(shareModel(), { streaming: true });
    const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
    expect(reply.mode).toBe('llm');
    expect(reply.notes).toEqual([]);
    expect(reply.text).toBe('基本支出占总支出的 80.94%（第 39 行）。');
    const tools = (fake!.requests[0]!.tools ?? []).map((t) => t.function.name);
    expect(tools).toEqual(expect.arrayContaining(['ask_report', 'find_figures', 'compute', 'search_knowledge']));
    expect(fake!.requests.every((r) => r.stream === true)).toBe(true);
  });

  it('reads tool calls that arrive whole in one SSE chunk', async () => {
    const assistant = await assistantWith(shareModel({ oneChunk: true }), { streaming: true });
    const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
    expect(reply.mode).toBe('llm');
    expect(reply.text).toContain('80.94%');
    expect(lastContent(fake!.requests[1]!, 'tool')).toContain('231.11 ÷ 285.53');
  });

  it('sends `content`, never the `reasoning_content` beside it (DeepSeek/Qwen), JSON and SSE alike', async () => {
    const reasoning = '先想一想：大概是 81% 左右，也可能是 79.5%。';
    for (const streaming of [false, true]) {
      const assistant = await assistantWith(shareModel({ reasoning }), { streaming });
      const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
      expect(reply.mode).toBe('llm');
      expect(reply.text).toBe('基本支出占总支出的 80.94%（第 39 行）。');
      expect(reply.text).not.toContain('79.5');
      await fake!.close();
      fake = undefined;
    }
  });

  it('a server that ignores `tools`: a plain answer with the report’s own numbers is sent', async () => {
    const assistant = await assistantWith(() => ({ kind: 'text', content: '“三公”经费预算数 3.55 万元，决算数 0.0693 万元（第 175 行）。' }));
    const reply = await assistant.handle(turn('三公经费是多少'));
    expect(reply.mode).toBe('llm');
    expect(reply.text).toContain('0.0693');
  });

  it('a server that ignores `tools` and computes in its head: the guard stops it, the offline answer computes', async () => {
    const assistant = await assistantWith(() => ({ kind: 'text', content: '基本支出占总支出的比例约为 81%。' }));
    const reply = await assistant.handle(turn('基本支出占总支出的比例是多少'));
    expect(fake!.requests).toHaveLength(2); // one retry with the guard's feedback
    expect(reply.mode).toBe('offline');
    expect(reply.notes[0]).toContain('81%');
    expect(reply.text).toContain('231.11 ÷ 285.53 × 100% = 80.94%');
  });
});
