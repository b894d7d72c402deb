import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Rubric } from '../../src/model/index.ts';
import type { KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createAssistant } from '../../src/assistant/conversation.ts';
import { createStoreMemory } from '../../src/assistant/memory.ts';
import type { Reply, Turn, TurnHandler } from '../../src/assistant/turn.ts';
import type { TestDatabase } from '../helpers/test-database.ts';
import { openBundledAssistant } from '../helpers/bundled-assistant.ts';
import { mutateSampleLine, readSampleReportText, SAMPLE_REPORT_PATH } from '../helpers/sample-report.ts';
import { readFileSync } from 'node:fs';

/** Everything the user can read: the (short) text and, when it was shortened to ≤ 3 lines, its details (详情). */
const full = (reply: Reply): string => (reply.details ? `${reply.text}\n${reply.details}` : reply.text);

/** A citation of an indicator's guide page: by its file path, or by its title once the reply names sources by title. */
const guide = (source: string, name: string): boolean => source === `guides/indicators/${name}.md` || source === name;

let testDb: TestDatabase;
let knowledge: KnowledgeBase;
let rubric: Rubric;
let assistant: TurnHandler;
let scratch: string;

const turn = (text: string, thread: string, extra: Partial<Turn> = {}): Turn => ({ text, user: 'test', scope: 'public', thread, attachments: [], ...extra });
const sample = () => ({ name: 'lechang-2024-self-eval.txt', bytes: readFileSync(SAMPLE_REPORT_PATH) });

/** Offline replies must pass the number guard untouched: no note, nothing marked 待核实. */
function expectVerified(reply: Reply): void {
  expect(reply.mode).toBe('offline');
  expect(reply.notes).toEqual([]);
  expect(full(reply)).not.toContain('待核实');
}

beforeAll(async () => {
  ({ testDb, knowledge, rubric, assistant } = await openBundledAssistant());
  scratch = mkdtempSync(join(tmpdir(), 'selfeval-assistant-'));
});

afterAll(async () => {
  await knowledge?.close();
  await testDb?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('offline answers on the real sample report', () => {
  const thread = 'test:offline';

  it('loads an attached report and says what it read', async () => {
    const reply = await assistant.handle(turn('', thread, { attachments: [sample()] }));
    expectVerified(reply);
    expect(full(reply)).toContain('26 个考核指标');
    expect(full(reply)).toContain('自评总分 99 分');
  });

  it('“为什么扣了2分” names both deductions with weights, scores, the report’s reasons and the recomputed rate', async () => {
    const reply = await assistant.handle(turn('为什么扣了2分', thread));
    expectVerified(reply);
    // The details follow the short lead (which has its own numbered lines): split the explained items.
    const [first, second] = full(reply).split('\n\n**2. ');
    expect(first).toContain('部门预算资金支出率');
    expect(first).toContain('分值 6 分，自评 4 分，扣 2 分');
    expect(first).toContain('58.48%');
    expect(first).toMatch(/本地计分办法未知/u);
    expect(first).toContain('评分细则');
    expect(second).toMatch(/^政府采购执行率/u);
    expect(second).toContain('分值 2 分，自评 0 分，扣 2 分');
    expect(second).toContain('65.02 万元 ÷ 政府采购预算 60.68 万元 × 100% = 107.15%');
    expect(second).toContain('超出预算 4.34 万元');
    expect(full(reply)).toContain('96 + 3 = 99 分');
    // Knowledge files are cited by their title (the rubric's short name, the guide's indicator).
    const sources = reply.citations.map((c) => c.source);
    expect(sources.some((s) => /lechang-2024/u.test(s))).toBe(true);
    expect(sources.some((s) => guide(s, '政府采购执行率'))).toBe(true);
  });

  it('“那第二个呢” follows up on the second deduction from memory', async () => {
    const reply = await assistant.handle(turn('那第二个呢', thread));
    expectVerified(reply);
    expect(full(reply)).toMatch(/^\*\*政府采购执行率\*\*/u);
    expect(full(reply)).not.toContain('部门预算资金支出率');
  });

  it('“总分99分对吗” shows the breakdown 28 + 38 + 30 + 3 = 99 and the 资金管理 note', async () => {
    const reply = await assistant.handle(turn('总分99分对吗', thread));
    expectVerified(reply);
    expect(full(reply)).toContain('报告写的自评总分是 99 分（第 65 行）');
    expect(full(reply)).toContain('28 + 38 + 30 + 3 = 99 分，与报告写的 99 分一致');
    expect(full(reply)).toContain('“资金下达合法性”不考核');
    expect(reply.findings.map((f) => f.ruleId)).toContain('score/weights-sum');
  });

  it('checks the report: most serious first, with line numbers, no errors on the sample', async () => {
    const reply = await assistant.handle(turn('帮我检查一下报告', thread));
    expectVerified(reply);
    expect(full(reply)).toMatch(/错误 0，警告 \d+，提示 \d+/u);
    // The findings travel with the reply (channels list them once); the text gives the counts.
    expect(reply.findings[0]?.severity).toBe('warning');
    expect(reply.findings.map((f) => f.message).join('\n')).toContain('253 个');
    expect(reply.findings.every((f) => f.severity !== 'error')).toBe(true);
  });

  it('answers “结转结余率怎么算” from the rubric and the guide, with citations', async () => {
    const reply = await assistant.handle(turn('结转结余率怎么算', thread));
    expectVerified(reply);
    expect(full(reply)).toContain('结转结余总额 ÷ 支出预算数 × 100%');
    expect(reply.citations.some((c) => guide(c.source, '结转结余率') && c.quote.includes('÷'))).toBe(true);
  });

  it('answers “三公经费超了怎么扣分” honestly: the local rule is unknown, other places’ rules are labelled', async () => {
    const reply = await assistant.handle(turn('三公经费超了怎么扣分', thread));
    expectVerified(reply);
    expect(full(reply)).toContain('经济性');
    expect(full(reply)).toMatch(/未知/u);
    expect(full(reply)).toMatch(/湖南/u);
    expect(reply.citations.some((c) => guide(c.source, '经济性'))).toBe(true);
  });

  it('“支出率要到多少才能满分” says the rule is unknown and shows the proportional reference computation', async () => {
    const reply = await assistant.handle(turn('支出率要到多少才能满分', thread));
    expectVerified(reply);
    expect(full(reply)).toContain('58.48% × 6 = 3.51 分');
    expect(full(reply)).toMatch(/说不准/u);
  });

  it('drafts 存在问题 and then a shorter one on “再写短一点”', async () => {
    const reply = await assistant.handle(turn('帮我起草存在问题', thread));
    expectVerified(reply);
    expect(reply.draft?.section).toBe('存在问题');
    expect(reply.draft?.text).toMatch(/一是部门预算资金支出率偏低。.*58\.48%/su);
    expect(reply.draft?.text).toMatch(/二是政府采购超出预算。.*60\.68 万元.*65\.02 万元.*107\.15%/su);
    const shorter = await assistant.handle(turn('再写短一点', thread));
    expectVerified(shorter);
    expect(shorter.draft?.section).toBe('存在问题');
    expect(shorter.draft!.text.length).toBeLessThan(reply.draft!.text.length / 2);
  });

  it('remembers the thread’s report across assistant instances, and /reset forgets it', async () => {
    const again = createAssistant({ rubric, memory: createStoreMemory(testDb.db), knowledge });
    const reply = await again.handle(turn('总分对吗', thread));
    expect(full(reply)).toContain('= 99 分');
    const reset = await again.handle(turn('/reset', thread));
    expect(reset.text).toContain('已清空');
    const after = await again.handle(turn('为什么扣分', thread));
    expect(after.text).toMatch(/还没有加载报告/u);
  });

  it('refuses an unreadable attachment with one Chinese sentence and keeps no report', async () => {
    const reply = await assistant.handle(turn('', 'test:bad', { attachments: [{ name: 'x.exe', bytes: new Uint8Array([1, 2, 3]) }] }));
    expect(full(reply)).toMatch(/^没能加载“x\.exe”：/u);
    expect((await assistant.handle(turn('总分对吗', 'test:bad'))).text).toMatch(/还没有加载报告/u);
  });
});

describe('compare with last year', () => {
  it('says when no report of last year is in the knowledge base', async () => {
    await assistant.handle(turn('', 'test:compare-none', { attachments: [sample()] }));
    const reply = await assistant.handle(turn('和上年比怎么样', 'test:compare-none'));
    expectVerified(reply);
    expect(full(reply)).toContain('2023 年度的自评报告');
  });

  it('sets this year’s scores beside last year’s report of the same department in the caller’s scope', async () => {
    let lastYear = mutateSampleLine(readSampleReportText(), 3, '2024年度', '2023年度');
    lastYear = mutateSampleLine(lastYear, 125, '自评得分 0 分', '自评得分 2 分');
    const path = join(scratch, 'lechang-2023.txt');
    writeFileSync(path, lastYear);
    await knowledge.ingest([path], { scope: 'lechang' });
    const thread = 'test:compare';
    await assistant.handle(turn('', thread, { scope: 'lechang', attachments: [sample()] }));
    const reply = await assistant.handle(turn('和上年比怎么样', thread, { scope: 'lechang' }));
    expectVerified(reply);
    expect(full(reply)).toMatch(/政府采购执行率：上年 2 分（.*lechang-2023\.txt.*），今年 0 分/u);
    expect(full(reply)).not.toMatch(/预算编制合理性：上年/u);
    const outside = await assistant.handle(turn('和上年比怎么样', 'test:compare-none'));
    expect(outside.text).toContain('没有找到');
  });
});
