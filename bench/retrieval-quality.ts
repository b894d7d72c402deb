/**
 * Ranking quality alone (no latency, no scale): Hit@1, Hit@5, MRR@10 of the keyword (BM25) arm over the bundled
 * knowledge base, on test/fixtures/retrieval-gold.jsonl, with the questions it missed at 5.
 * Run: `node bin/run-ts.js bench/retrieval-quality.ts [gold.jsonl]`.
 */
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/store/open-database.js';
import { openKnowledgeBase } from '../src/knowledge/knowledge-base.js';
import { isRelevant, loadGold, score, type GoldQuestion, type Scores } from './retrieval/gold.js';
import type { Citation } from '../src/model/index.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface RetrievalQuality {
  scores: Scores;
  missedAt5: { id: string; question: string; top: string[] }[];
  /** Questions whose first passage is not relevant, with that passage. */
  missedAt1: { id: string; question: string; first: string }[];
}

export async function measureRetrievalQuality(goldPath = join(ROOT, 'test', 'fixtures', 'retrieval-gold.jsonl')): Promise<RetrievalQuality> {
  const config = loadConfig({});
  const db = await openDatabase(config, { dataDir: 'memory://' });
  const kb = await openKnowledgeBase(config, { db, embedder: null });
  try {
    await kb.ensureBundled();
    const gold: GoldQuestion[] = loadGold(goldPath);
    const ranked: Citation[][] = [];
    for (const q of gold) ranked.push((await kb.search(q.question, { k: 10, mode: 'keyword' })).results);
    const missedAt5 = gold
      .map((q, i) => ({ q, top: ranked[i]!.slice(0, 5) }))
      .filter(({ q, top }) => !top.some((p) => q.relevant.some((r) => isRelevant(p, r))))
      .map(({ q, top }) => ({ id: q.id, question: q.question, top: top.map((p) => `${p.source}#${p.sectionPath.at(-1) ?? p.title}`) }));
    const missedAt1 = gold
      .map((q, i) => ({ q, first: ranked[i]![0] }))
      .filter(({ q, first }) => !first || !q.relevant.some((r) => isRelevant(first, r)))
      .map(({ q, first }) => ({ id: q.id, question: q.question, first: first ? `${first.source}#${first.sectionPath.at(-1) ?? first.title}` : '（无）' }));
    return { scores: score(gold, ranked), missedAt5, missedAt1 };
  } finally {
    await kb.close();
    await db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const result = await measureRetrievalQuality(process.argv[2] ? resolve(process.argv[2]) : undefined);
  const f = (v: number) => v.toFixed(3);
  process.stdout.write(`Hit@1 ${f(result.scores.hit1)} · Hit@5 ${f(result.scores.hit5)} · MRR@10 ${f(result.scores.mrr10)}\n`);
  for (const m of result.missedAt1) process.stdout.write(`missed@1 ${m.id} ${m.question} → ${m.first}\n`);
  for (const m of result.missedAt5) process.stdout.write(`missed@5 ${m.id} ${m.question}\n  ${m.top.join('\n  ')}\n`);
}
