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
