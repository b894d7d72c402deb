import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Citation, Rubric } from '../../src/model/index.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { createAssistant } from '../../src/assistant/conversation.ts';
import { createVolatileMemory } from '../../src/assistant/memory.ts';
import type { KnowledgeSearch } from '../../src/assistant/knowledge-port.ts';
import type { Reply, TurnHandler } from '../../src/assistant/turn.ts';
import { ASK_FOR_LOCAL_RULES } from '../../src/assistant/answers/lost-points.ts';
import { SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';

/** Everything the user can read: the (short) text and, when it was shortened to ≤ 3 lines, its details (详情). */
const full = (reply: Reply): string => (reply.details ? `${reply.text}\n${reply.details}` : reply.text);

/** A citation of an indicator's guide page: by its file path, or by its title once the reply names sources by title. */
const guide = (source: string, name: string): boolean => source === `guides/indicators/${name}.md` || source === name;

let rubric: Rubric;

beforeAll(async () => {
  rubric = await loadRubric();
});

/** A knowledge base that records what it was asked and answers with one guide passage. */
function recordingKnowledge(): KnowledgeSearch & { queries: string[] } {
  const queries: string[] = [];
  const passage: Citation = {
    chunkId: 'g1',
    source: 'guides/indicators/政府采购执行率.md',
    title: '政府采购执行率',
    sectionPath: ['政府采购执行率', '计算公式'],
    text: '政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%。',
    lineStart: 7,
    scope: 'public',
    score: 1,
  };
  return {
    queries,
    async search(query) {
      queries.push(query);
      return { results: [passage], mode: 'keyword' };
    },
  };
}

async function sampleAssistant(knowledge: KnowledgeSearch | null = null): Promise<{ assistant: TurnHandler; ask: (q: string) => Promise<Reply> }> {
  const assistant = createAssistant({ rubric, memory: createVolatileMemory(), knowledge });
  const loaded = await assistant.handle({ text: '', user: 't', scope: 'public', thread: 't', attachments: [{ name: 'lechang.txt', bytes: readFileSync(SAMPLE_REPORT_PATH) }] });
  expect(loaded.text).toContain('已加载');
  const ask = (text: string) => assistant.handle({ text, user: 't', scope: 'public', thread: 't', attachments: [] });
  return { assistant, ask };
}

function expectVerified(reply: Reply): void {
  expect(reply.mode).toBe('offline');
  expect(reply.notes).toEqual([]);
  expect(full(reply)).not.toContain('待核实');
}

describe('questions about the sample report’s own content, offline', () => {
  it('“三公经费是多少” → 预算 3.55 and 决算 0.0693 万元 with line 175, not the 公用经费 formula', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('三公经费是多少');
    expectVerified(reply);
    const first = full(reply).split('\n')[0]!;
    expect(first).toContain('预算数 3.55 万元');
    expect(first).toContain('决算数 0.0693 万元');
    expect(first).toContain('第 175 行');
    expect(full(reply)).toContain('按报告中的“三公经费”查找');
    expect(full(reply)).not.toContain('实际支出的公用经费总额 ÷');
  });

  it('“基本支出占总支出的比例是多少” → 231.11 ÷ 285.53 = 80.94% with line 39', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('基本支出占总支出的比例是多少');
    expectVerified(reply);
    expect(full(reply).split('\n')[0]).toContain('231.11 ÷ 285.53 × 100% = 80.94%');
    expect(full(reply)).toContain('第 39 行');
  });

  it('“2024年总收入比上年少了多少万元” → 374.30 − 285.53 = 88.77 万元 from line 35', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('2024年总收入比上年少了多少万元');
    expectVerified(reply);
    expect(full(reply)).toMatch(/少 88\.77 万元（374\.3 万元 − 285\.53 万元 = 88\.77 万元）/u);
    expect(full(reply)).toContain('第 35 行');
  });

  it('“报告里有哪些数字前后不一致” → 村(居) 225/253/215 and 编制 18 vs 19 from the findings', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('报告里有哪些数字前后不一致');
    expectVerified(reply);
    expect(full(reply)).toMatch(/225 个.*253 个.*215 个/u);
    expect(full(reply)).toMatch(/= 18 名.*19 人/u);
    expect(reply.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['consistency/same-quantity', 'consistency/headcount']));
  });

  it('“结转结余率是0但支出率只有58.48%，这样写有问题吗” → the rate contradiction, 41.52% unspent, line 117', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('结转结余率是0但支出率只有58.48%，这样写有问题吗');
    expectVerified(reply);
    expect(full(reply).split('\n')[0]).toMatch(/^有问题：预算资金支出率 58\.48% 意味着有 41\.52% 的预算没有支出/u);
    expect(full(reply)).toContain('100% − 58.48% = 41.52%');
    expect(reply.findings[0]?.ruleId).toBe('consistency/rate-contradiction');
    expect(reply.findings[0]?.line).toBe(117);
  });

  it('“明年怎么才能拿满分” → both deductions with what is needed, 本地规则未知 per item', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('明年怎么才能拿满分');
    expectVerified(reply);
    expect(full(reply).split('\n')[0]).toContain('2 个扣分指标补回来，合计 4 分');
    expect(full(reply)).toMatch(/部门预算资金支出率：6 → 4 分，扣 2 分（第 113 行）/u);
    expect(full(reply)).toMatch(/政府采购执行率：2 → 0 分，扣 2 分（第 125 行）/u);
    expect(full(reply).match(/需要：本地规则未知/gu)).toHaveLength(2);
  });

  it('“存在问题那部分写得够不够” → which shortfalls the section names and which it leaves out', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('存在问题那部分写得够不够');
    expectVerified(reply);
    expect(full(reply).split('\n')[0]).toMatch(/“存在问题”（第 225–\d+ 行）写得不够/u);
    const missing = full(reply).split('没有写到：').at(-1)!;
    expect(missing).toContain('部门预算资金支出率偏低');
    expect(missing).toContain('107.15%');
    expect(missing).toContain('41.52%');
    expect(missing).toMatch(/225 个、253 个、215 个/u);
  });

  it('scores by block: “资金管理这块得了多少分” sums its leaves and names the not-assessed one', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('资金管理这块得了多少分');
    expectVerified(reply);
    expect(full(reply).split('\n')[0]).toBe('资金管理（第 109 行）分值 22 分，下级指标自评合计 18 分，比分值少 4 分。');
    expect(full(reply)).toContain('资金下达合法性：不考核');
  });

  it('a follow-up that leaves the topic out: “那决算数呢” after 公用经费', async () => {
    const { ask } = await sampleAssistant();
    await ask('公用经费预算是多少');
    const reply = await ask('那决算数呢');
    expectVerified(reply);
    expect(full(reply)).toContain('17.40 万元');
  });
});

describe('rule questions still go to the knowledge base; mixed questions get both parts', () => {
  it('“政府采购执行率怎么算” quotes the knowledge base', async () => {
    const knowledge = recordingKnowledge();
    const { ask } = await sampleAssistant(knowledge);
    const reply = await ask('政府采购执行率怎么算');
    expectVerified(reply);
    expect(knowledge.queries.length).toBeGreaterThan(0);
    expect(reply.citations.some((c) => guide(c.source, '政府采购执行率'))).toBe(true);
  });

  it('“政府采购预算是多少，超了怎么扣分” answers the figure first, then the rule', async () => {
    const knowledge = recordingKnowledge();
    const { ask } = await sampleAssistant(knowledge);
    const reply = await ask('政府采购预算是多少，超了怎么扣分');
    expectVerified(reply);
    const [figure, rule] = full(reply).split('关于规则');
    expect(figure).toContain('60.68 万元');
    expect(rule).toContain('政府采购执行率');
    expect(knowledge.queries.length).toBeGreaterThan(0);
  });
});

describe('defects seen', () => {
  it('“那第二个呢” after “政府采购执行率怎么算” says there is no second item without untraced counts', async () => {
    const { ask } = await sampleAssistant();
    await ask('政府采购执行率怎么算');
    const reply = await ask('那第二个呢');
    expectVerified(reply);
    expect(full(reply)).toContain('没有第二项');
  });

  it('“三公经费怎么算” does not give the 公用经费 formula as the 三公经费 formula', async () => {
    const { ask } = await sampleAssistant();
    const reply = await ask('三公经费怎么算');
    expectVerified(reply);
    expect(full(reply)).not.toContain('- 计算公式：实际支出的公用经费总额');
    expect(full(reply)).toContain('“三公”经费控制率（实际 ÷ 预算）');
  });

  it('the 当地计分办法 paragraph is said once per conversation, and sources are named, not coded', async () => {
    const { ask } = await sampleAssistant();
    const first = await ask('为什么扣了2分');
    const second = await ask('政府采购执行率怎么算');
    const third = await ask('明年怎么才能拿满分');
    const all = [first, second, third].map(full).join('\n');
    expect(all.split(ASK_FOR_LOCAL_RULES)).toHaveLength(2);
    expect(all).not.toMatch(/(?<![A-Za-z0-9])S\d{1,2}(?![\dA-Za-z])/u);
    expect(all).toContain('西部（重庆）科学城融媒体中心');
    for (const reply of [first, second, third]) expectVerified(reply);
  });
});
