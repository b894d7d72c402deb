import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../helpers/test-database.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createAssistant } from '../../src/assistant/conversation.ts';
import { createVolatileMemory } from '../../src/assistant/memory.ts';
import type { Reply, Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { A_2023, A_2023_TEXT, A_2024, A_2024_TEXT, B_2024, B_2024_TEXT, WATER_A, WATER_B } from './past-report-fixtures.ts';

const SCOPE = 'water';

const turn = (text: string, thread: string, extra: Partial<Turn> = {}): Turn => ({ text, user: 'test', scope: SCOPE, thread, attachments: [], ...extra });
const whole = (reply: Reply) => reply.details ?? reply.text;

function expectVerified(reply: Reply): void {
  expect(reply.mode).toBe('offline');
  expect(reply.notes).toEqual([]);
  expect(whole(reply)).not.toContain('待核实');
}

/**
 * Past reports as structured knowledge, on one store: three reports written as data (past-report-fixtures.ts) are
 * ingested, then asked about through the assistant. Run on PGlite (past-reports.test.ts) and on PostgreSQL
 * (test/integration/past-reports-postgres.test.ts): the same SQL on both.
 */
export function pastReportSuite(store: string, open: () => Promise<TestDatabase>): void {
  let test: TestDatabase;
  let kb: KnowledgeBase;
  let assistant: TurnHandler;
  let root: string;

  beforeAll(async () => {
    test = await open();
    kb = await openKnowledgeBase(test.config, { db: test.db, embedder: null });
    root = mkdtempSync(join(tmpdir(), 'selfeval-past-'));
    writeFileSync(join(root, 'a-2023.txt'), A_2023_TEXT);
    writeFileSync(join(root, 'a-2024.txt'), A_2024_TEXT);
    writeFileSync(join(root, 'b-2024.txt'), B_2024_TEXT);
    const summary = await kb.ingest([join(root, 'a-2023.txt'), join(root, 'a-2024.txt'), join(root, 'b-2024.txt')], { scope: SCOPE });
    expect(summary.files.map((f) => f.status)).toEqual(['added', 'added', 'added']);
    assistant = createAssistant({ rubric: await loadRubric(), memory: createVolatileMemory(), knowledge: kb });
  });

  afterAll(async () => {
    await kb?.close();
    await test?.dispose();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  describe(`past reports as structured knowledge (${store})`, () => {
    it('keeps each report’s department (title or 部门名称 line), year, totals and indicators with their reasons', async () => {
      const reports = await kb.past.reports({ scope: SCOPE });
      expect(reports.map((r) => [r.department, r.year]).sort()).toEqual([[WATER_A, 2023], [WATER_A, 2024], [WATER_B, 2024]]);
      const b = reports.find((r) => r.department === WATER_B)!;
      expect(b.statedTotal).toBe(B_2024.reduce((n, r) => n + r.score, 0));
      expect(b.computedTotal).toBe(b.statedTotal);
      expect(b.problems).toContain('政府采购预算编制不够精准');
      const rows = await kb.past.indicators({ scope: SCOPE, department: WATER_B, year: 2024 });
      expect(rows.map((r) => [r.name, r.weight, r.score]).sort()).toEqual(B_2024.map((r) => [r.name, r.weight, r.score]).sort());
      const procurement = rows.find((r) => r.name === '政府采购执行率')!;
      expect(`${procurement.reason ?? ''}${procurement.evidence ?? ''}`).toContain('河道监测设备追加采购');
      // Not visible from another scope.
      expect(await kb.past.reports({ scope: 'other' })).toEqual([]);
    });

    it('“去年政府采购执行率得了几分” with this year’s report loaded answers from last year’s report, cited', async () => {
      const thread = 'past:last-year';
      await assistant.handle(turn('', thread, { attachments: [{ name: 'a-2024.txt', bytes: Buffer.from(A_2024_TEXT) }] }));
      const reply = await assistant.handle(turn('去年政府采购执行率得了几分', thread));
      const last = A_2023.find((r) => r.name === '政府采购执行率')!;
      const now = A_2024.find((r) => r.name === '政府采购执行率')!;
      expect(reply.text).toContain(`${last.score}/${last.weight} 分`);
      expect(reply.text).toContain('2023');
      expect(reply.text).not.toContain(`${now.score}/${now.weight} 分`);
      expect(reply.citations.map((c) => c.source)).toContain('a-2023.txt');
      expect(reply.citations.find((c) => c.source === 'a-2023.txt')!.quote).toContain('68.20万元');
      expectVerified(reply);
    });

    it('“比去年多扣了几分” sets this year’s deductions beside last year’s, per indicator', async () => {
      const thread = 'past:change';
      await assistant.handle(turn('', thread, { attachments: [{ name: 'a-2024.txt', bytes: Buffer.from(A_2024_TEXT) }] }));
      const reply = await assistant.handle(turn('政府采购执行率比去年多扣了几分', thread));
      const last = A_2023.find((r) => r.name === '政府采购执行率')!;
      const now = A_2024.find((r) => r.name === '政府采购执行率')!;
      const more = now.weight - now.score - (last.weight - last.score);
      expect(whole(reply)).toContain(`多扣 ${more} 分`);
      expect(reply.citations.map((c) => c.source)).toContain('a-2023.txt');
      expectVerified(reply);
    });

    it('says which years it holds when last year is not in the knowledge base', async () => {
      const thread = 'past:missing';
      await assistant.handle(turn('', thread, { attachments: [{ name: 'b-2024.txt', bytes: Buffer.from(B_2024_TEXT) }] }));
      const reply = await assistant.handle(turn('去年政府采购执行率得了几分', thread));
      expect(whole(reply)).toContain(`没有${WATER_B}2023 年度的报告`);
      expect(whole(reply)).toContain('2024 年');
    });

    it('“别的单位政府采购执行率超预算是怎么写的” quotes the other department’s report, cited by report, department and year', async () => {
      const thread = 'past:peers';
      await assistant.handle(turn('', thread, { attachments: [{ name: 'a-2024.txt', bytes: Buffer.from(A_2024_TEXT) }] }));
      const reply = await assistant.handle(turn('别的单位政府采购执行率超预算是怎么写的', thread));
      const text = whole(reply);
      expect(text).toContain(WATER_B);
      expect(text).toContain('2024 年度');
      expect(text).toContain('河道监测设备追加采购');
      expect(text).not.toContain('防汛物资'); // the asking department's own report is left out
      expect(reply.citations.map((c) => c.source)).toEqual(['b-2024.txt']);
      expectVerified(reply);
    });

    it('“今年各单位哪些指标扣分最多” counts the year’s reports and deductions, and the counts add up', async () => {
      const reply = await assistant.handle(turn('2024年各单位哪些指标扣分最多', 'past:ranking'));
      const text = whole(reply);
      const year: readonly (readonly { name: string; weight: number; score: number }[])[] = [A_2024, B_2024];
      const deducted = <T extends { name: string; weight: number; score: number }>(rows: readonly T[]) => rows.filter((r) => r.score < r.weight);
      const withDeductions = year.filter((rows) => deducted(rows).length > 0).length;
      expect(text).toContain(`共有 ${year.length} 份报告：${withDeductions} 份有扣分，${year.length - withDeductions} 份没有扣分`);
      const expected = new Map<string, { reports: number; points: number }>();
      for (const rows of year) {
        for (const r of deducted(rows)) {
          const e = expected.get(r.name) ?? { reports: 0, points: 0 };
          expected.set(r.name, { reports: e.reports + 1, points: e.points + r.weight - r.score });
        }
      }
      for (const [name, e] of expected) expect(text).toContain(`${name}：${e.reports} 份报告扣分，合计扣 ${e.points} 分`);
      const listed = [...text.matchAll(/：(\d+) 份报告扣分/gu)].map((m) => Number(m[1]));
      const sum = listed.reduce((a, b) => a + b, 0);
      expect(text).toContain(`各指标的扣分报告数合计 ${sum} 次`);
      expect(sum).toBe([...expected.values()].reduce((n, e) => n + e.reports, 0));
      // Most reports first: 政府采购执行率 lost points in both.
      expect(text.indexOf('政府采购执行率：2 份')).toBeGreaterThan(-1);
      expectVerified(reply);
    });

    it('answers a named department’s year without a loaded report, and a report removed is gone from the answers', async () => {
      const reply = await assistant.handle(turn(`${WATER_A}2023年政府采购执行率得了几分`, 'past:named'));
      const last = A_2023.find((r) => r.name === '政府采购执行率')!;
      expect(reply.text).toContain(`${last.score}/${last.weight} 分`);
      expect(reply.citations[0]!.source).toBe('a-2023.txt');
      expectVerified(reply);
      await kb.remove(join(root, 'a-2023.txt'), { scope: SCOPE });
      const after = await assistant.handle(turn(`${WATER_A}2023年政府采购执行率得了几分`, 'past:named2'));
      expect(whole(after)).toContain('有的年度：2024 年');
    });
  });
}
