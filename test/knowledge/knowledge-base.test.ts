import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { REPO_ROOT, SAMPLE_REPORT_PATH, mutateSampleLine, readSampleReportText } from '../helpers/sample-report.ts';

const GUIDES = join(REPO_ROOT, 'knowledge', 'guides', 'indicators');

describe('knowledge base on PGlite (keyword mode)', () => {
  let test: TestDatabase;
  let kb: KnowledgeBase;
  let root: string;

  beforeAll(async () => {
    test = await createTestDatabase();
    kb = await openKnowledgeBase(test.config, { db: test.db, embedder: null });
    root = mkdtempSync(join(tmpdir(), 'selfeval-kb-'));
    mkdirSync(join(root, 'guides'));
    for (const name of ['政府采购执行率.md', '部门预算资金支出率.md', '结转结余率.md', '在职人员控制率.md', '财务合规性.md']) {
      cpSync(join(GUIDES, name), join(root, 'guides', name));
    }
    writeFileSync(join(root, 'guides', '损坏.txt'), Buffer.from([0, 159, 146, 150, 0, 1]));
  });
  afterAll(async () => {
    await kb?.close();
    await test?.dispose();
    rmSync(root, { recursive: true, force: true });
  });

  it('ingests a folder, reports a broken file in Chinese and carries on', async () => {
    const events: string[] = [];
    const summary = await kb.ingest([join(root, 'guides')], { scope: 'public', onProgress: (e) => e.phase === 'files' && events.push(e.file) });
    const failed = summary.files.filter((f) => f.status === 'failed');
    expect(failed.map((f) => f.source)).toEqual(['损坏.txt']);
    expect(failed[0]!.message).toMatch(/[\u4e00-\u9fa5]/u);
    expect(summary.files.filter((f) => f.status === 'added')).toHaveLength(5);
    expect(events).toHaveLength(6);
  });

  it('puts the 政府采购执行率 guide first for "政府采购执行率怎么算"', async () => {
    const { results, mode } = await kb.search('政府采购执行率怎么算');
    expect(mode).toBe('keyword');
    expect(results[0]!.source).toBe('政府采购执行率.md');
    expect(results[0]!.title).toBe('政府采购执行率');
    expect(results[0]!.lineStart).toBeGreaterThan(0);
  });

  it('finds execution-rate or carry-over guidance for "钱没花完会扣分吗"', async () => {
    const { results } = await kb.search('钱没花完会扣分吗', { k: 3 });
    expect(results.some((r) => ['部门预算资金支出率.md', '结转结余率.md'].includes(r.source))).toBe(true);
  });

  it('re-ingesting unchanged files is a no-op', async () => {
    const before = await kb.list('public');
    const summary = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    expect(summary.files.filter((f) => f.status !== 'failed').every((f) => f.status === 'unchanged')).toBe(true);
    expect(await kb.list('public')).toEqual(before);
  });

  it('an edited file replaces its old chunks', async () => {
    const path = join(root, 'guides', '财务合规性.md');
    const original = readFileSync(path, 'utf8');
    const phrase = '截留挪用专项资金属于严重违规';
    writeFileSync(path, `${original}\n\n## 补充说明\n\n${phrase}，一经查实本项不得分。\n`);
    const edited = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    expect(edited.files.find((f) => f.source === '财务合规性.md')!.status).toBe('updated');
    const once = await kb.search(phrase, { k: 20 });
    expect(once.results.filter((r) => r.text.includes(phrase))).toHaveLength(1);
    expect(once.results.find((r) => r.text.includes(phrase))!.sectionPath).toEqual(['补充说明']);

    writeFileSync(path, original.slice(0, original.indexOf('## 常见失分情形')));
    const shortened = await kb.ingest([join(root, 'guides')], { scope: 'public' });
    const file = shortened.files.find((f) => f.source === '财务合规性.md')!;
    expect(file.status).toBe('updated');
    const document = (await kb.list('public')).find((d) => d.source === '财务合规性.md')!;
    expect(document.chunkCount).toBe(file.chunks);
    const gone = await kb.search(phrase, { k: 20 });
    expect(gone.results.some((r) => r.text.includes(phrase))).toBe(false);
    const sections = new Set(gone.results.filter((r) => r.source === '财务合规性.md').flatMap((r) => r.sectionPath));
    expect(sections.has('常见失分情形')).toBe(false);
  });

  it('keeps scopes apart: a report in scope A is never returned in scope B or without a scope', async () => {
    await kb.ingest([SAMPLE_REPORT_PATH], { scope: 'lechang' });
    const otherDir = mkdtempSync(join(tmpdir(), 'selfeval-other-'));
    const other = join(otherDir, 'other-2024.txt');
    writeFileSync(other, mutateSampleLine(readSampleReportText(), 125, '60.68', '70.11'));
    await kb.ingest([other], { scope: 'other-dept' });

    const mine = await kb.search('乐昌 政府采购 预算', { scope: 'lechang', k: 5 });
    const hit = mine.results.find((r) => r.scope === 'lechang' && r.text.includes('60.68'));
    expect(hit).toMatchObject({ source: 'lechang-2024-self-eval.txt', lineStart: 125, lineEnd: 125 });
    expect(hit!.text).toContain('65.02');
    expect(mine.results.every((r) => r.scope === 'public' || r.scope === 'lechang')).toBe(true);

    const theirs = await kb.search('乐昌 政府采购 预算 60.68', { scope: 'other-dept', k: 50 });
    expect(theirs.results.some((r) => r.scope === 'lechang')).toBe(false);
    expect(theirs.results.some((r) => r.scope === 'other-dept' && r.text.includes('70.11'))).toBe(true);

    const publicOnly = await kb.search('乐昌 政府采购 预算 60.68', { k: 50 });
    expect(publicOnly.results.every((r) => r.scope === 'public')).toBe(true);
    rmSync(otherDir, { recursive: true, force: true });
  });

  it('answers indicator questions from the report model, within scope', async () => {
    const found = await kb.findIndicators({ scope: 'lechang', name: '政府采购执行率' });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      department: '乐昌市政务服务和数据管理局', year: 2024, weight: 2, score: 0, assessed: true, line: 123,
      source: 'lechang-2024-self-eval.txt',
    });
    const notAssessed = await kb.findIndicators({ scope: 'lechang', name: '资金下达合法性' });
    expect(notAssessed[0]).toMatchObject({ assessed: false, score: null });
    expect(await kb.findIndicators({ name: '政府采购执行率' })).toEqual([]);
    expect(await kb.findIndicators({ scope: 'lechang', name: '政府采购执行率', year: 2023 })).toEqual([]);
  });

  it('lists and removes documents; a bad scope name is refused', async () => {
    const listed = await kb.list('lechang');
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ kind: 'report', chunkCount: expect.any(Number) });
    const removed = await kb.remove(listed[0]!.id);
    expect(removed.map((d) => d.source)).toEqual(['lechang-2024-self-eval.txt']);
    expect(await kb.list('lechang')).toEqual([]);
    expect(await kb.findIndicators({ scope: 'lechang', name: '政府采购执行率' })).toEqual([]);
    await expect(kb.search('x', { scope: "a'; DROP TABLE kb_chunks; --" })).rejects.toThrow('范围');
  });

  it('never passes user text to tsquery: operators and quotes are just words', async () => {
    const { results } = await kb.search("政府采购 & !执行率 | ' :* (");
    expect(results.length).toBeGreaterThan(0);
    expect((await kb.search('！？。')).results).toEqual([]);
  });

  it('ensureBundled ingests a bundled folder once, reuses it, and drops files removed from it', async () => {
    const bundled = mkdtempSync(join(tmpdir(), 'selfeval-bundled-'));
    mkdirSync(join(bundled, 'guides'));
    mkdirSync(join(bundled, 'dict'));
    writeFileSync(join(bundled, 'dict', 'user-dict.txt'), '在职人员控制率 1000 n\n');
    writeFileSync(join(bundled, 'guides', '术语.md'), '# 术语\n\n## 三公经费\n\n因公出国（境）费、公务用车购置及运行费、公务接待费。\n');
    writeFileSync(join(bundled, 'guides', '旧.md'), '# 旧\n\n## 旧内容\n\n即将删除的页面。\n');
    const base = await openKnowledgeBase(test.config, { db: test.db, embedder: null, bundledDir: bundled });
    const first = await base.ensureBundled();
    expect(first.files.map((f) => [f.source, f.status])).toEqual([['guides/旧.md', 'added'], ['guides/术语.md', 'added']]);
    const second = await base.ensureBundled();
    expect(second.files.every((f) => f.status === 'unchanged')).toBe(true);
    rmSync(join(bundled, 'guides', '旧.md'));
    await base.ensureBundled();
    const sources = (await base.list('public')).map((d) => d.source);
    expect(sources).toContain('guides/术语.md');
    expect(sources).not.toContain('guides/旧.md');
    await base.close(); // does not close the shared test database
    expect((await kb.search('公务接待费')).results[0]!.source).toBe('guides/术语.md');
    rmSync(bundled, { recursive: true, force: true });
  });
});
