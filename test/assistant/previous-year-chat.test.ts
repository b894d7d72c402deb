import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startFakeOpenAIChat, lastContent, type FakeHandler, type FakeOpenAIChat } from '../helpers/fake-openai-chat.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { readReportBytes } from '../../src/report/parse-report.ts';
import { createAssistant } from '../../src/assistant/conversation.ts';
import { createVolatileMemory } from '../../src/assistant/memory.ts';
import type { KnowledgeSearch } from '../../src/assistant/knowledge-port.ts';
import type { LlmSettings } from '../../src/assistant/llm/llm-settings.ts';
import type { Reply, Turn, TurnChannel, TurnHandler } from '../../src/assistant/turn.ts';
import { DRAFT_STORE_DOWN, RECTIFICATION_STORE_DOWN } from '../../src/assistant/previous-year-lookup.ts';
import type { Rubric } from '../../src/model/index.ts';
import { CASES, FORM_CASE, NARRATIVE_CASE, type DepartmentCase, type PastFixtureFile } from '../drafting/previous-year-fixtures.ts';

/**
 * Drafting from last year's report in a conversation (terminal chat, Slack, WeCom all go through createAssistant):
 * two departments' reports of last year and a neighbour of each are ingested into PGlite (scope "past", as
 * `selfeval ingest 去年报告 --scope past` does); this year's report is sent as a file and the user asks for a draft.
 * Expectations come from the fixture data, never from the drafter.
 */

let test: TestDatabase;
let kb: KnowledgeBase;
let rubric: Rubric;
let root: string;
let fake: FakeOpenAIChat | undefined;
const files = new Map<string, PastFixtureFile>();

beforeAll(async () => {
  test = await createTestDatabase();
  kb = await openKnowledgeBase(test.config, { db: test.db, embedder: null });
  rubric = await loadRubric();
  root = mkdtempSync(join(tmpdir(), 'selfeval-previous-year-chat-'));
  for (const c of CASES) for (const f of await c.files()) {
    files.set(f.name, f);
    writeFileSync(join(root, f.name), f.bytes);
  }
  const past = CASES.flatMap((c) => [c.lastYear.file, c.neighbour.year.file]).map((name) => join(root, name));
  const summary = await kb.ingest(past, { scope: 'past' });
  expect(summary.files.map((f) => f.status)).toEqual(past.map(() => 'added'));
}, 60_000);

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

afterAll(async () => {
  await kb?.close();
  await test?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

const clean = (text: string) => text.replace(/[。；]$/u, '');

interface Chat {
  ask(text: string): Promise<Reply>;
}

/** A conversation with this year's report of `c` sent as a file. */
async function chatWith(c: DepartmentCase, options: { knowledge?: KnowledgeSearch; llm?: LlmSettings; scope?: string; channel?: TurnChannel; file?: PastFixtureFile } = {}): Promise<Chat> {
  const assistant: TurnHandler = createAssistant({ rubric, memory: createVolatileMemory(), knowledge: options.knowledge ?? kb, llm: options.llm ?? null });
  const thread = `t-${Math.random()}`;
  const turn = (text: string, attachments: Turn['attachments'] = []): Turn => ({
    text, user: 'test', scope: options.scope ?? 'public', thread, attachments, channel: options.channel ?? 'terminal',
  });
  const file = options.file ?? files.get(c.thisYear.file)!;
  const loaded = await assistant.handle(turn('', [{ name: file.name, bytes: file.bytes }]));
  expect(loaded.text).toContain('已加载');
  return { ask: (text) => assistant.handle(turn(text)) };
}

/** Nothing of the neighbour: its department, file, problems or reasons, in the text or the citations. */
function expectNoNeighbour(c: DepartmentCase, reply: Reply): void {
  const all = `${reply.text}\n${reply.citations.map((x) => `${x.source} ${x.quote}`).join('\n')}`;
  expect(all).not.toContain(c.neighbour.department);
  expect(all).not.toContain(c.neighbour.year.file);
  for (const i of c.neighbour.year.indicators) if (i.reason) expect(all).not.toContain(clean(i.reason));
  for (const p of c.neighbour.year.problems) expect(all).not.toContain(clean(p));
}

describe.each(CASES)('上年问题整改情况 in chat — $shape', (c) => {
  it.each(['/draft 上年问题整改情况', '帮我写上年问题整改情况'])('“%s”: last year’s problems one by one, cited to last year’s report, nothing of the neighbour', async (question) => {
    const chat = await chatWith(c);
    const reply = await chat.ask(question);
    expect(reply.mode).toBe('offline');
    expect(reply.notes).toEqual([]);
    expect(reply.text).not.toContain('待核实');
    expect(reply.text).not.toContain('selfeval draft'); // no longer sent to the command line
    expect(reply.draft?.section).toBe('上年问题整改情况');
    expect(reply.text).toContain(`${c.department}${c.lastYear.year}年度自评报告（${c.lastYear.file}）`);
    for (const problem of c.lastYear.problems) {
      expect(reply.text).toContain(`上年报告写道：“${clean(problem)}”（${c.lastYear.file} `);
      // each problem is cited: last year's report, the passage that writes it, with its line
      expect(reply.citations.some((x) => x.source === c.lastYear.file && x.quote.includes(clean(problem)) && x.line !== undefined)).toBe(true);
    }
    // scores of last year are cited to last year's report
    for (const i of c.lastYear.indicators.filter((x) => x.score < x.weight)) {
      expect(reply.text).toContain(`上年得 ${i.score}/${i.weight} 分（${c.lastYear.file} `);
      expect(reply.citations.some((x) => x.source === c.lastYear.file && x.quote.includes(i.name) && x.quote.includes(`自评得分 ${i.score} 分`))).toBe(true);
    }
    // last year's places are not rewritten as places of this year's file (the draft as sent has them as drafted)
    const places = (text: string) => [...text.matchAll(new RegExp(`（[^（）]*${c.lastYear.file.replace('.', '\\.')}[^（）]*）`, 'gu'))].map((m) => m[0]);
    expect(places(reply.text).length).toBeGreaterThan(0);
    expect(places(reply.text)).toEqual(places(reply.draft!.text));
    expect(reply.text).not.toMatch(/表 \d+ 表/u);
    // citations are last year's report's passages, not bare places
    expect(reply.citations.length).toBeGreaterThan(0);
    for (const x of reply.citations) {
      expect(x.source).toBe(c.lastYear.file);
      expect(x.quote.replace(/[（）()]/gu, '').trim().startsWith(x.source)).toBe(false);
    }
    expectNoNeighbour(c, reply);
  });
});

describe('follow-ups on the draft', () => {
  it('“再写短一点” keeps drafting from last year’s report', async () => {
    const c = FORM_CASE;
    const chat = await chatWith(c);
    await chat.ask('/draft 上年问题整改情况');
    const reply = await chat.ask('再写短一点');
    expect(reply.text).toContain('“上年问题整改情况”草稿（精简版）');
    for (const problem of c.lastYear.problems) expect(reply.text).toContain(`上年报告写道：“${clean(problem)}”（${c.lastYear.file} `);
    expect(reply.citations.some((x) => x.source === c.lastYear.file)).toBe(true);
    expect(reply.text).not.toContain('待核实');
  });
});

describe('other sections take 上年 figures from last year’s report in chat', () => {
  const c = NARRATIVE_CASE;
  const total = (rows: { score: number }[]) => rows.reduce((n, r) => n + r.score, 0);

  it('自评结论: last year’s stated total, cited, with the difference', async () => {
    const reply = await (await chatWith(c)).ask('/draft 自评结论');
    const [now, last] = [total(c.thisYear.indicators), total(c.lastYear.indicators)];
    expect(reply.text).toContain(`上年（${c.lastYear.year}年度）自评得分 ${last} 分（${c.lastYear.file} 第 `);
    expect(reply.text).toContain(now === last ? '与上年持平' : `比上年${now < last ? '减少' : '增加'} ${Math.abs(now - last)} 分`);
    expect(reply.text).not.toContain('待核实');
    expect(reply.citations.some((x) => x.source === c.lastYear.file && x.quote.includes(`自评得分 ${last} 分`))).toBe(true);
    expectNoNeighbour(c, reply);
  });

  it('部门整体收支情况: last year’s totals the report leaves out, cited to last year’s line', async () => {
    const reply = await (await chatWith(c)).ask('帮我写部门整体收支情况');
    for (const [label, last] of [['总收入决算数', c.lastYear.income!], ['总支出决算数', c.lastYear.spending!]] as const) {
      expect(reply.text).toContain(`上年${label} ${last} 万元（据上年报告 ${c.lastYear.file} 第 `);
      expect(reply.citations.some((x) => x.source === c.lastYear.file && x.quote.includes(`${label}${last}万元`))).toBe(true);
    }
    const cited = reply.citations.map((x) => `${x.source} ${x.line} ${x.quote}`);
    expect(cited).toEqual([...new Set(cited)]); // a passage quoted for two figures is listed once
    expect(reply.text).not.toContain('待核实');
    expectNoNeighbour(c, reply);
  });

  it('a Slack thread does not see what was ingested into “past” (workspaces kept apart); after its own ingest it does', async () => {
    const before = await (await chatWith(c, { scope: 'transport-team', channel: 'slack' })).ask('/draft 上年问题整改情况');
    expect(before.text).not.toContain(`${c.department}${c.lastYear.year}年度自评报告（${c.lastYear.file}）`);
    expect(before.text).toContain('「入库」');
    const summary = await kb.ingest([join(root, c.lastYear.file)], { scope: 'transport-team' });
    expect(summary.files.map((f) => f.status)).toEqual(['added']);
    const after = await (await chatWith(c, { scope: 'transport-team', channel: 'slack' })).ask('/draft 上年问题整改情况');
    expect(after.text).toContain(`${c.department}${c.lastYear.year}年度自评报告（${c.lastYear.file}）`);
  });
});

describe('no last year in the store', () => {
  const c = NARRATIVE_CASE;
  const laterYear = (): PastFixtureFile => {
    const text = new TextDecoder().decode(files.get(c.thisYear.file)!.bytes).replaceAll(String(c.thisYear.year), '2026');
    return { name: 'transport-2026.txt', bytes: new TextEncoder().encode(text) };
  };

  it('terminal: the years held and how to ingest, in one sentence', async () => {
    const reply = await (await chatWith(c, { file: laterYear() })).ask('/draft 上年问题整改情况');
    expect(reply.text).toContain(`${c.department} ${c.lastYear.year} 年`);
    expect(reply.text).toContain('没有 2025 年度的报告');
    expect(reply.text).toContain('selfeval ingest 去年报告 --scope past');
    expect(reply.text).not.toContain('待核实');
  });

  it('Slack: the same without a terminal command', async () => {
    const reply = await (await chatWith(c, { file: laterYear(), channel: 'slack', scope: 'slack-T1' })).ask('起草上年问题整改情况');
    // The workspace's own scope holds none of this department's reports (what "past" holds is not its to see).
    expect(reply.text).toContain(`知识库（范围“slack-T1”）里没有${c.department}的往年报告`);
    expect(reply.text).not.toContain('selfeval');
    expect(reply.text).toContain('「入库」');
  });
});

describe('the store cannot be read', () => {
  const c = NARRATIVE_CASE;
  const down = (): KnowledgeSearch => {
    const fail = async (): Promise<never> => { throw new Error('connect ECONNREFUSED 127.0.0.1:5432'); };
    return { search: kb.search, list: fail, past: { ...kb.past, reports: fail, indicators: fail } };
  };

  it('上年问题整改情况: one Chinese sentence, no draft', async () => {
    const reply = await (await chatWith(c, { knowledge: down() })).ask('/draft 上年问题整改情况');
    expect(reply.text).toBe(RECTIFICATION_STORE_DOWN);
    expect(reply.draft).toBeUndefined();
  });

  it('自评结论: one sentence, then the draft without last year', async () => {
    const reply = await (await chatWith(c, { knowledge: down() })).ask('/draft 自评结论');
    expect(reply.text.startsWith(`${DRAFT_STORE_DOWN}\n\n“自评结论”草稿：`)).toBe(true);
    expect(reply.text).not.toContain('上年（');
    expect(reply.text).not.toContain('待核实');
    expect(reply.text).not.toContain('5432');
  });
});

describe('with a model (fake OpenAI server)', () => {
  const c = FORM_CASE;
  const settings = (): LlmSettings => ({ baseURL: fake!.baseURL, apiKey: 'sk-test', model: 'fake-model', timeoutMs: 5_000, maxRetries: 0 });
  const [held, owed] = ['农机购置补贴发放户数', '补贴资金按时拨付率'].map((n) => [c.lastYear.indicators.find((i) => i.name === n)!, c.thisYear.indicators.find((i) => i.name === n)!] as const);
  // Last year's 户数 is in last year's report only: the guard passes it only with that report's quoted passages.
  const phrased = `上年补贴发放户数为 ${held![0].actual}，今年为 ${held![1].actual}；上年资金按时拨付率为 ${owed![0].actual}，今年为 ${owed![1].actual}。`;

  it('the phrased draft passes the guard with last year’s figures, and is cited to last year’s report', async () => {
    const thisYear = await readReportBytes(c.thisYear.file, files.get(c.thisYear.file)!.bytes);
    if (!thisYear.ok) throw new Error('this year’s report did not parse');
    expect(thisYear.report.lines.join('\n')).not.toContain(held![0].actual!); // 1100户 is last year's only (90% is also a target this year)
    fake = await startFakeOpenAIChat(() => ({ kind: 'text', content: phrased }));
    const reply = await (await chatWith(c, { llm: settings() })).ask('/draft 上年问题整改情况');
    expect(fake.requests).toHaveLength(1);
    expect(lastContent(fake.requests[0]!, 'user')).toContain(clean(c.lastYear.problems[0]!)); // the model sees last year's problems
    expect(reply.mode).toBe('llm');
    expect(reply.notes).toEqual([]);
    expect(reply.text).toContain(phrased);
    expect(reply.citations.some((x) => x.source === c.lastYear.file)).toBe(true);
    expectNoNeighbour(c, reply);
  });

  it('a figure the model invents for last year is stopped: the template draft with a note', async () => {
    const invented = phrased.replace(held![0].actual!, '1000户');
    fake = await startFakeOpenAIChat(() => ({ kind: 'text', content: invented }));
    const reply = await (await chatWith(c, { llm: settings() })).ask('/draft 上年问题整改情况');
    expect(fake.requests).toHaveLength(2); // one retry with the guard's feedback
    expect(reply.mode).toBe('offline');
    expect(reply.notes.join('')).toContain('1000户');
    expect(reply.text).not.toContain('1000户');
    expect(reply.text).toContain(`上年报告写道：“${clean(c.lastYear.problems[0]!)}”`);
  });

  it('the model’s draft tool drafts 上年问题整改情况 from last year’s report; its answer is checked against it', async () => {
    const handler: FakeHandler = (request, index) => {
      if (index === 0) return { kind: 'tool-calls', calls: [{ name: 'draft_section', arguments: { section: '上年问题整改情况' } }] };
      const tool = JSON.parse(lastContent(request, 'tool')) as { draft?: string; error?: string };
      expect(tool.error).toBeUndefined();
      expect(tool.draft).toContain(`上年报告写道：“${clean(c.lastYear.problems[0]!)}”`);
      return { kind: 'text', content: phrased };
    };
    fake = await startFakeOpenAIChat(handler);
    const reply = await (await chatWith(c, { llm: settings() })).ask('对照去年报告，看看我们去年的问题今年改得怎么样');
    expect(fake.requests.length).toBeGreaterThanOrEqual(2);
    expect(reply.mode).toBe('llm');
    expect(reply.text).toContain(phrased);
    expect(reply.citations.some((x) => x.source === c.lastYear.file && x.quote.includes(clean(c.lastYear.problems[0]!)))).toBe(true);
    expectNoNeighbour(c, reply);
  });
});
