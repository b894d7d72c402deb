import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/index.ts';
import { parseReportText } from '../../src/report/parse-report.ts';
import { createStoreMemory, createVolatileMemory, MAX_THREAD_FILE_BYTES, type ConversationMemory } from '../../src/assistant/memory.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';

let testDb: TestDatabase;
let report: Report;

beforeAll(async () => {
  testDb = await createTestDatabase();
  const parsed = parseReportText(readSampleReportText(), { name: 'lechang.txt' });
  if (!parsed.ok) throw new Error('sample did not parse');
  report = parsed.report;
});

afterAll(async () => {
  await testDb?.dispose();
});

const memo = (items: string[]) => ({ intent: 'lost-points', items });

describe.each([
  ['store (PGlite)', () => createStoreMemory(testDb.db, { maxTurns: 4 })],
  ['volatile', () => createVolatileMemory({ maxTurns: 4 })],
])('%s memory', (_name, make: () => ConversationMemory) => {
  it('keeps the last N turns per thread, oldest first, with their memos', async () => {
    const memory = make();
    const thread = `t-${Math.random()}`;
    for (let i = 1; i <= 3; i += 1) {
      await memory.append(thread, [
        { role: 'user', text: `问${i}`, memo: null },
        { role: 'assistant', text: `答${i}`, memo: memo([`指标${i}`]) },
      ]);
    }
    const state = await memory.load(thread);
    expect(state.turns.map((t) => t.text)).toEqual(['问2', '答2', '问3', '答3']);
    expect(state.turns[3]!.memo).toEqual(memo(['指标3']));
    expect((await memory.load('another')).turns).toEqual([]);
  });

  it('stores the thread’s report (with its source lines) and /reset clears turns and report', async () => {
    const memory = make();
    const thread = `r-${Math.random()}`;
    await memory.setReport(thread, 'lechang.txt', report);
    await memory.append(thread, [{ role: 'user', text: '总分对吗', memo: null }]);
    const state = await memory.load(thread);
    expect(state.report?.name).toBe('lechang.txt');
    expect(state.report?.report.lines[124]).toContain('60.68');
    expect(state.report?.report.statedTotals[0]?.value).toBe(99);
    await memory.reset(thread);
    expect(await memory.load(thread)).toEqual({ report: null, file: null, turns: [] });
  });

  it('keeps the last file of a thread (one per thread, the next replaces it), refuses one over the limit, /reset clears it', async () => {
    const memory = make();
    const thread = `f-${Math.random()}`;
    expect(await memory.loadFile(thread)).toBeNull();
    await memory.setFile(thread, 'a.docx', new Uint8Array([1, 2, 3]));
    await memory.setFile(thread, '数据.xlsx', new Uint8Array([4, 5]));
    expect((await memory.load(thread)).file).toEqual({ name: '数据.xlsx' });
    const kept = await memory.loadFile(thread);
    expect(kept?.name).toBe('数据.xlsx');
    expect([...(kept?.bytes ?? [])]).toEqual([4, 5]);
    expect(await memory.loadFile(`other-${thread}`)).toBeNull();
    await memory.setFile(thread, 'huge.pdf', new Uint8Array(MAX_THREAD_FILE_BYTES + 1));
    expect((await memory.loadFile(thread))?.name).toBe('数据.xlsx');
    await memory.reset(thread);
    expect(await memory.loadFile(thread)).toBeNull();
    expect((await memory.load(thread)).file).toBeNull();
  });

  it('keeps the conversation memo of an answer: its subject, its details and its draft', async () => {
    const memory = make();
    const thread = `m-${Math.random()}`;
    const rich = { intent: 'write', items: ['政府采购执行率'], subject: { indicator: '政府采购执行率' }, details: '全文', draft: { section: '扣分说明', text: '草稿', shorter: true } };
    await memory.append(thread, [{ role: 'assistant', text: '答', memo: rich }]);
    expect((await memory.load(thread)).turns[0]!.memo).toEqual(rich);
  });
});

describe('store memory across instances', () => {
  it('a second memory on the same database sees the report and turns (restart, or another server instance)', async () => {
    const first = createStoreMemory(testDb.db);
    await first.setReport('shared', 'lechang.txt', report);
    await first.append('shared', [{ role: 'assistant', text: '答', memo: memo(['政府采购执行率']) }]);
    const second = createStoreMemory(testDb.db);
    const state = await second.load('shared');
    expect(state.report?.report.indicators.map((i) => i.name)).toEqual(['预算编制', '预算执行', '资金使用效益']);
    expect(state.turns[0]?.memo?.items).toEqual(['政府采购执行率']);
  });

  it('replacing the report takes effect for a memory that had cached the old one', async () => {
    const memory = createStoreMemory(testDb.db);
    await memory.setReport('swap', 'a.txt', report);
    expect((await memory.load('swap')).report?.name).toBe('a.txt');
    const changed = { ...report, title: '另一份报告' };
    await createStoreMemory(testDb.db).setReport('swap', 'b.txt', changed);
    const state = await memory.load('swap');
    expect(state.report?.name).toBe('b.txt');
    expect(state.report?.report.title).toBe('另一份报告');
  });
});
