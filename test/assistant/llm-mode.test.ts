import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { createAssistant } from '../../src/assistant/conversation.ts';
import { createVolatileMemory } from '../../src/assistant/memory.ts';
import type { LlmSettings } from '../../src/assistant/llm/llm-settings.ts';
import { TIMEOUT_NOTE } from '../../src/assistant/llm/llm-failure.ts';
import type { Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { contentText, lastContent, scripted, startFakeOpenAIChat, type ChatRequest, type FakeHandler, type FakeOpenAIChat } from '../helpers/fake-openai-chat.ts';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';

let rubric: Rubric;
let fake: FakeOpenAIChat | undefined;

beforeAll(async () => {
  rubric = await loadRubric();
});

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function settings(overrides: Partial<LlmSettings> = {}): LlmSettings {
  return { baseURL: fake!.baseURL, apiKey: 'sk-test', model: 'fake-model', timeoutMs: 5_000, maxRetries: 0, ...overrides };
}

/** An assistant with the sample report loaded in thread "t", talking to the fake model. */
async function assistantWith(handler: FakeHandler, overrides: Partial<LlmSettings> = {}): Promise<TurnHandler> {
  fake = await startFakeOpenAIChat(handler);
  const memory = createVolatileMemory();
  const assistant = createAssistant({ rubric, memory, knowledge: null, llm: settings(overrides) });
  const loaded = await assistant.handle(turn('', [{ name: 'lechang.txt', bytes: readFileSync(SAMPLE_REPORT_PATH) }]));
  expect(loaded.text).toContain('已加载');
  expect(fake.requests).toHaveLength(0); // loading a report needs no model
  return assistant;
}

function turn(text: string, attachments: Turn['attachments'] = []): Turn {
  return { text, user: 'test', scope: 'public', thread: 't', attachments };
}

function toolNames(request: ChatRequest): string[] {
  return (request.tools ?? []).map((t) => t.function.name);
}

/** A model that looks the indicator up, computes the rate with the tool, then answers with the tool's numbers. */
const honestModel: FakeHandler = (request, index) => {
  if (index === 0) return { kind: 'tool-calls', calls: [{ name: 'lookup_indicator', arguments: { name: '政府采购执行率' } }] };
  if (index === 1) {
    const looked = JSON.parse(lastContent(request, 'tool')) as { report: { figures: { id: string; subject: string }[] } };
    const budget = looked.report.figures.find((f) => f.subject.includes('采购预算'))!;
    const actual = looked.report.figures.find((f) => f.subject.includes('决算支出'))!;
    return { kind: 'tool-calls', calls: [{ name: 'compute', arguments: { operation: 'percent', operands: [{ figure: actual.id }, { figure: budget.id }] } }] };
  }
  const computed = JSON.parse(lastContent(request, 'tool')) as { result: string };
  return { kind: 'text', content: `政府采购执行率为 ${computed.result}（65.02 ÷ 60.68），自评 0 分，满分 2 分，见第 125 行。` };
};

describe('LLM mode through the real ChatOpenAI client and langchain agent', () => {
  it('runs tool calls (lookup_indicator, compute) and sends the checked answer in llm mode', async () => {
    const assistant = await assistantWith(honestModel);
    const reply = await assistant.handle(turn('政府采购执行率为什么是0分'));
    expect(reply.mode).toBe('llm');
    expect(reply.notes).toEqual([]);
    expect(reply.text).toBe('政府采购执行率为 107.15%（65.02 ÷ 60.68），自评 0 分，满分 2 分，见第 125 行。');
    // cited by the document's title, not its path
    expect(reply.citations.map((c) => c.source)).toContain('乐昌市部门整体支出绩效自评指标体系（2024 年度，据样例报告整理）');
    expect(fake!.requests).toHaveLength(3);
    expect(toolNames(fake!.requests[0]!)).toEqual(['check_report', 'lookup_indicator', 'search_knowledge', 'compute', 'draft_section', 'ask_report', 'find_figures']);
    const system = fake!.requests[0]!.messages[0]!;
    expect(system.role).toBe('system');
    expect(contentText(system)).toContain('政府采购执行率：分值 2，自评 0（第 123 行）');
  });

  it('works the same over SSE streaming', async () => {
    const assistant = await assistantWith(honestModel, { streaming: true });
    const reply = await assistant.handle(turn('政府采购执行率为什么是0分'));
    expect(fake!.requests.every((r) => r.stream === true)).toBe(true);
    expect(reply.mode).toBe('llm');
    expect(reply.text, reply.text).toContain('107.15%');
  });

  it('gives the offline answer with a note when the model never answers (timeout)', async () => {
    const assistant = await assistantWith(() => ({ kind: 'hang' }), { timeoutMs: 300, maxRetries: 1 });
    const reply = await assistant.handle(turn('为什么扣了2分'));
    expect(reply.mode).toBe('offline');
    expect(reply.notes[0]).toBe(TIMEOUT_NOTE);
    expect(reply.text).toContain('部门预算资金支出率');
    expect(reply.text, reply.text).toContain('107.15%');
    expect(fake!.requests).toHaveLength(2); // one retry with backoff, then give up
  });

  it('gives the offline answer with a note when the model server fails (HTTP 500)', async () => {
    const assistant = await assistantWith(() => ({ kind: 'error', status: 500, message: 'boom' }));
    const reply = await assistant.handle(turn('总分99分对吗'));
    expect(reply.mode).toBe('offline');
    expect(reply.notes[0]).toBe('模型服务出错（HTTP 500），以下为离线回答。');
    expect(reply.text).toContain('28 + 38 + 30 + 3 = 99 分');
  });

  it('regenerates once with the guard’s feedback when the model invents a figure, and sends the corrected answer', async () => {
    const assistant = await assistantWith(
      scripted([
        { kind: 'text', content: '部门预算资金支出率只有 58.48%，按规定应达到 91.3% 才能满分。' },
        { kind: 'text', content: '部门预算资金支出率为 58.48%（第 113 行），本地计分办法未知，请提供当地评分细则。' },
      ]),
    );
    const reply = await assistant.handle(turn('支出率要到多少才能满分'));
    expect(reply.mode).toBe('llm');
    expect(reply.text).toBe('部门预算资金支出率为 58.48%（第 113 行），本地计分办法未知，请提供当地评分细则。');
    expect(fake!.requests).toHaveLength(2);
    const feedback = lastContent(fake!.requests[1]!, 'user');
    expect(feedback).toContain('91.3%');
    expect(feedback).toContain('找不到出处');
  });

  it('replaces an answer that still has an invented figure after the retry by the offline answer', async () => {
    const assistant = await assistantWith(() => ({ kind: 'text', content: '政府采购执行率为 103.2%，超出预算 3.9 万元。' }));
    const reply = await assistant.handle(turn('政府采购执行率为什么是0分'));
    expect(fake!.requests).toHaveLength(2);
    expect(reply.mode).toBe('offline');
    expect(reply.notes[0]).toMatch(/^模型的回答中有无法核实的数字（103\.2%、3\.9 万元），已改用离线回答。$/u);
    expect(reply.text).not.toContain('103.2');
    expect(reply.text, reply.text).toContain('107.15%');
  });

  it('computes with a number the user gave, and refuses one that is neither in the report nor in the question', async () => {
    const whatIf = await assistantWith((request, index) =>
      index === 0
        ? { kind: 'tool-calls', calls: [{ name: 'compute', arguments: { operation: 'percent', operands: [{ value: '70', unit: '万元' }, { figure: 'L125#2' }] } }] }
        : { kind: 'text', content: `若采购支出 70 万元，执行率为 ${(JSON.parse(lastContent(request, 'tool')) as { result: string }).result}。` },
    );
    const answer = await whatIf.handle(turn('如果采购花了70万元执行率是多少'));
    expect(answer.mode).toBe('llm');
    expect(answer.text).toBe('若采购支出 70 万元，执行率为 115.36%。');
    await fake!.close();

    const assistant = await assistantWith((request, index) =>
      index === 0
        ? { kind: 'tool-calls', calls: [{ name: 'compute', arguments: { operation: 'percent', operands: [{ value: '80', unit: '万元' }, { value: '60.68', unit: '万元' }] } }] }
        : { kind: 'text', content: `计算失败：${lastContent(request, 'tool').includes('找不到') ? '输入不在报告中' : '未知'}。` },
    );
    const reply = await assistant.handle(turn('采购预算执行率能不能再算一下'));
    expect(reply.text).toBe('计算失败：输入不在报告中。');
  });

  it('phrases a draft through the model, and falls back to the template when the phrasing invents numbers', async () => {
    const good = await assistantWith((request) => {
      const prompt = lastContent(request, 'user');
      expect(prompt).toContain('模板草稿');
      return { kind: 'text', content: '一是部门预算资金支出率偏低，仅为 58.48%。二是政府采购超出预算 4.34 万元，执行率 107.15%。' };
    });
    const reply = await good.handle(turn('/draft 存在问题'));
    expect(reply.mode).toBe('llm');
    expect(reply.draft?.text).toBe('一是部门预算资金支出率偏低，仅为 58.48%。二是政府采购超出预算 4.34 万元，执行率 107.15%。');
    await fake!.close();

    const bad = await assistantWith(() => ({ kind: 'text', content: '一是支出率仅 55%，二是采购超支 5 万元。' }));
    const fallback = await bad.handle(turn('/draft 存在问题'));
    expect(fake!.requests).toHaveLength(2);
    expect(fallback.mode).toBe('offline');
    expect(fallback.notes[0]).toContain('55%');
    expect(fallback.draft?.text).toContain('一是部门预算资金支出率偏低。');
  });
});
