import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';

/** One labelled question of test/fixtures/retrieval-gold.jsonl. */
export interface GoldQuestion {
  id: string;
  question: string;
  /** "guides/<file>.md#<heading>", "guides/<file>.md", "examples/<file>.txt#L<line>" or "report:<file>:<line>". */
  relevant: string[];
}

const LineSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  question: z.string().min(1),
  relevant: z.array(z.string().min(1)).min(1),
});

export function loadGold(path: string): GoldQuestion[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .map((line, index) => {
      const parsed = LineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`retrieval-gold.jsonl 第 ${index + 1} 行格式不对：${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

/** What a retrieved passage is, for judging relevance (a Citation or a MiniSearch document). */
export interface Passage {
  source: string;
  title: string;
  sectionPath: string[];
  lineStart?: number;
  lineEnd?: number;
}

const squash = (s: string) => s.replace(/[\s（）()]/gu, '').replace(/\d+(\.\d+)?分/gu, '');

function sameFile(source: string, reference: string): boolean {
  const a = source.replace(/^knowledge\//, '');
  const b = reference.replace(/^knowledge\//, '');
  return a === b || a.endsWith(`/${b}`) || b.endsWith(`/${a}`) || basename(a) === basename(b);
}

/** Whether a passage answers a gold reference. A heading matches the title or any heading on the section path. */
export function isRelevant(passage: Passage, reference: string): boolean {
  const report = /^report:(.+):(\d+)$/.exec(reference) ?? /^(.+)#L(\d+)$/.exec(reference);
  if (report) {
    const line = Number(report[2]);
    return (
      sameFile(passage.source, report[1]!) &&
      passage.lineStart !== undefined &&
      passage.lineStart <= line &&
      line <= (passage.lineEnd ?? passage.lineStart)
    );
  }
  const [file, heading] = reference.split('#');
  if (!sameFile(passage.source, file!)) return false;
  if (!heading) return true;
  const wanted = squash(heading);
  return [passage.title, ...passage.sectionPath].some((h) => squash(h) === wanted);
}

export interface Scores {
  hit1: number;
  hit5: number;
  mrr10: number;
}

/** Hit@1, Hit@5 and MRR@10 of ranked passages per question. */
export function score(gold: readonly GoldQuestion[], ranked: readonly Passage[][]): Scores {
  let hit1 = 0;
  let hit5 = 0;
  let mrr = 0;
  gold.forEach((question, i) => {
    const list = ranked[i] ?? [];
    const rank = list.slice(0, 10).findIndex((p) => question.relevant.some((r) => isRelevant(p, r)));
    if (rank === 0) hit1 += 1;
    if (rank >= 0 && rank < 5) hit5 += 1;
    if (rank >= 0) mrr += 1 / (rank + 1);
  });
  const n = Math.max(gold.length, 1);
  return { hit1: hit1 / n, hit5: hit5 / n, mrr10: mrr / n };
}
