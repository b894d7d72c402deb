/**
 * Ingest at size: `count` generated reports (bench/ingest-reports.ts) ingested into a fresh store in four equal
 * batches (one `ingest` call each, as a reviewer adds folders), with chunks/s per batch (flat = the rate does not fall
 * as the store grows), the store's size on disk (PGlite: the data directory, and its pg_wal; PostgreSQL:
 * pg_database_size) and the time of a cross-year question on the full store.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/store/open-database.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { createAssistant } from '../src/assistant/conversation.js';
import { createVolatileMemory } from '../src/assistant/memory.js';
import { loadRubric } from '../src/rubric/load-rubric.js';
import { reportSet } from './ingest-reports.js';

export interface IngestScale {
  target: 'PGlite' | 'PostgreSQL';
  reports: number;
  chunks: number;
  /** Chunks per second of each quarter of the reports, in order. */
  rates: number[];
  seconds: number;
  storeBytes: number;
  walBytes: number | null;
  /** A cross-year question ("去年政府采购执行率得了几分" with this year's report loaded): median of 5, ms. */
  questionMs: number;
}

function folderBytes(path: string): number {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

export async function measureIngestScale(options: { count: number; url?: string }): Promise<IngestScale> {
  const work = mkdtempSync(join(tmpdir(), 'selfeval-ingest-'));
  const dataDir = join(work, 'pglite');
  const reports = reportSet(options.count, 22);
  const quarters = [0, 1, 2, 3].map((q) => reports.slice(Math.floor((q * reports.length) / 4), Math.floor(((q + 1) * reports.length) / 4)));
  const folders = quarters.map((batch, q) => {
    const folder = join(work, `batch-${q}`);
    mkdirSync(folder);
    batch.forEach((r, i) => writeFileSync(join(folder, `${q}-${String(i).padStart(5, '0')}-${r.department}-${r.year}.txt`), r.text));
    return folder;
  });
  const config = loadConfig({});
  const db = options.url ? await openDatabase(config, { url: options.url }) : await openDatabase(config, { dataDir, template: false });
  const kb = await openKnowledgeBase(config, { db, embedder: null });
  try {
    const rates: number[] = [];
    let chunks = 0;
    const started = performance.now();
    for (const folder of folders) {
      const t = performance.now();
      const summary = await kb.ingest([folder], { scope: 'province' });
      const added = summary.files.reduce((n, f) => n + f.chunks, 0);
      chunks += added;
      rates.push(added / ((performance.now() - t) / 1000));
    }
    const seconds = (performance.now() - started) / 1000;
    const assistant = createAssistant({ rubric: await loadRubric(), memory: createVolatileMemory(), knowledge: kb });
    const loaded = reports.find((r) => r.year === 2024)!;
    const thread = 'bench:cross-year';
    await assistant.handle({ text: '', user: 'bench', scope: 'province', thread, attachments: [{ name: 'this-year.txt', bytes: Buffer.from(loaded.text) }] });
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const reply = await assistant.handle({ text: '去年政府采购执行率得了几分', user: 'bench', scope: 'province', thread, attachments: [] });
      times.push(performance.now() - t);
      if (!reply.citations.some((c) => c.source.includes(`${loaded.department}-2023`))) throw new Error(`跨年问题没有引用上年报告：${reply.text.slice(0, 80)}`);
    }
    times.sort((a, b) => a - b);
    let storeBytes: number;
    let walBytes: number | null = null;
    if (options.url) {
      const { rows } = await db.query<{ size: string }>('SELECT pg_database_size(current_database())::text AS size');
      storeBytes = Number(rows[0]!.size);
    } else {
      await kb.close();
      await db.close();
      storeBytes = folderBytes(dataDir);
      walBytes = folderBytes(join(dataDir, 'pg_wal'));
    }
    return { target: options.url ? 'PostgreSQL' : 'PGlite', reports: options.count, chunks, rates, seconds, storeBytes, walBytes, questionMs: times[2]! };
  } finally {
    await kb.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }
}

type Row = [what: string, measured: string, aim: string, verdict: string];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const rate = (values: readonly number[]) => values.map((v) => v.toFixed(0)).join(' / ');

/**
 * The rows of issue 22 for `npm run bench` (bench/run-all.ts): batch check at 200 reports (2,000 with `--many`),
 * ingest at 500 reports (and 2,000 with `--many`) on PGlite and PostgreSQL, a cross-year question's time, with the
 * numbers measured before the change (as the issue reported them) beside them.
 */
export async function manyReportsRows(options: { many: boolean; url?: string; postgres: <T>(body: (url: string) => Promise<T>) => Promise<T> }): Promise<Row[]> {
  const { measureBatch } = await import('./batch-bench.js');
  const rows: Row[] = [];
  for (const count of options.many ? [200, 2000] : [200]) {
    const b = await measureBatch(count);
    const speedup = b.all.reportsPerSecond / b.one.reportsPerSecond;
    const peak = Math.max(b.one.peakMb, b.all.peakMb);
    rows.push([
      `\`check 文件夹 --summary\`，${count} 份（半数 .txt、四分之一 .docx、四分之一 .pdf）`,
      `1 核 ${b.one.reportsPerSecond.toFixed(1)} 份/s（峰值 ${b.one.peakMb.toFixed(0)} MB）· 全部 ${b.all.jobs} 核 ${b.all.reportsPerSecond.toFixed(1)} 份/s（峰值 ${b.all.peakMb.toFixed(0)} MB）；两份汇总${b.same ? '一致' : '不一致'}` +
        ` · 本机上限（同时运行两个独立进程、各查一半）${(count / b.halvesSeconds).toFixed(1)} 份/s，为 1 核的 ${(b.one.seconds / b.halvesSeconds).toFixed(2)} 倍。改前：1 核约 30 份/s，每份多占约 0.45 MB`,
      `全部核 ≈ 1 核 × ${b.all.jobs}；峰值 < 400 MB；汇总一致`,
      speedup >= b.all.jobs * 0.8 && peak < 400 && b.same ? '✅ 达到' : `❌ ${speedup.toFixed(2)} 倍，峰值 ${peak.toFixed(0)} MB${b.same ? '' : '，汇总不一致'}（同机其他负载会拉低倍数）`,
    ]);
    if (count === 200) {
      rows.push(['PDF 文字提取（读入 + 识别一份报告，p50）', `.pdf ${b.pdfMs.toFixed(0)} ms · 同一报告 .txt ${b.txtMs.toFixed(1)} ms`, '先测量', '已测，未改：2026-12-06 的 CPU 剖析中 pdf.js 的字体解析（translateFont、checkAndRepair）与解压是主要部分，pdf.js 没有只取文字、不解析字形的开关']);
    }
  }
  for (const count of options.many ? [500, 2000] : [500]) {
    const pglite = await measureIngestScale({ count });
    const pg = options.url ? await options.postgres((url) => measureIngestScale({ count, url })) : null;
    for (const m of [pglite, pg]) {
      if (!m) continue;
      const flat = m.rates[3]! >= m.rates[0]! * 0.8;
      rows.push([
        `入库 ${count} 份报告（${m.target}，四批依次入库）`,
        `${(m.chunks / m.seconds).toFixed(0)} 段/s（各批 ${rate(m.rates)}）；库 ${mb(m.storeBytes)}${m.walBytes !== null ? `（其中 WAL ${mb(m.walBytes)}）` : ''}；跨年问题 ${m.questionMs.toFixed(0)} ms` +
          `${count === 2000 ? `。改前：${m.target === 'PGlite' ? '326 段/s，数据目录 1.03 GB（WAL 657 MB）' : '596 段/s，320 MB'}` : ''}`,
        m.target === 'PGlite' && pg ? `速率平稳（末批 ≥ 首批 × 0.8）；≤ 1.5 × PostgreSQL（${mb(pg.storeBytes * 1.5)}）` : '速率平稳（末批 ≥ 首批 × 0.8）',
        flat && (m.target !== 'PGlite' || !pg || m.storeBytes <= pg.storeBytes * 1.5) ? '✅ 达到' : `❌ ${flat ? '' : '速率下降'}${m.target === 'PGlite' && pg && m.storeBytes > pg.storeBytes * 1.5 ? ` 库为 PostgreSQL 的 ${(m.storeBytes / pg.storeBytes).toFixed(2)} 倍` : ''}`,
      ]);
    }
    if (!options.url) rows.push([`入库 ${count} 份报告（PostgreSQL）`, '未测：未设置 TEST_DATABASE_URL', '同 PGlite', '—']);
  }
  return rows;
}
