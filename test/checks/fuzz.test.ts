import { describe, expect, it } from 'vitest';
import { CRASH_RULE_ID, checkReport } from '../../src/checks/engine.js';
import { parseReportText } from '../../src/report/parse-report.js';
import { BUNDLED_RUBRIC, SAMPLE_TEXT } from './rule-tester.js';

/** mulberry32: a small deterministic PRNG, so every run fuzzes the same mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mutation = (lines: string[], random: () => number) => string;

const pick = <T>(list: readonly T[], random: () => number): T => list[Math.floor(random() * list.length)]!;
const nonEmpty = (lines: string[]) => lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '').map(([, i]) => i);

const MUTATIONS: Record<string, Mutation> = {
  'change a digit': (lines, random) => {
    const candidates = nonEmpty(lines).filter((i) => /\d/u.test(lines[i]!));
    const i = pick(candidates, random);
    const positions = [...lines[i]!.matchAll(/\d/gu)].map((m) => m.index);
    const at = pick(positions, random);
    lines[i] = lines[i]!.slice(0, at) + String(Math.floor(random() * 10)) + lines[i]!.slice(at + 1);
    return `line ${i + 1} digit ${at}`;
  },
  'drop a line': (lines, random) => {
    const i = pick(nonEmpty(lines), random);
    lines.splice(i, 1);
    return `drop ${i + 1}`;
  },
  'duplicate a line': (lines, random) => {
    const i = pick(nonEmpty(lines), random);
    lines.splice(i, 0, lines[i]!);
    return `duplicate ${i + 1}`;
  },
  'swap brackets': (lines, random) => {
    const i = pick(nonEmpty(lines).filter((k) => /[()（）]/u.test(lines[k]!)), random);
    lines[i] = lines[i]!.replace(/[()（）]/gu, (b) => ({ '(': '（', ')': '）', '（': '(', '）': ')' })[b]!);
    return `brackets ${i + 1}`;
  },
  'insert a number': (lines, random) => {
    const i = pick(nonEmpty(lines), random);
    const at = Math.floor(random() * lines[i]!.length);
    lines[i] = `${lines[i]!.slice(0, at)}${Math.floor(random() * 1000)}${pick(['分', '%', '万元', '个', '人', ''], random)}${lines[i]!.slice(at)}`;
    return `insert ${i + 1}`;
  },
};

const CASES = 400;

describe('fuzz: random mutations of the sample never crash a rule', () => {
  it(`${CASES} seeded mutations either parse and check cleanly or fail with a Chinese message`, () => {
    const random = prng(20240814);
    const names = Object.keys(MUTATIONS);
    const counts = { parsed: 0, refused: 0 };
    for (let n = 0; n < CASES; n += 1) {
      const lines = SAMPLE_TEXT.split('\n');
      const steps = 1 + Math.floor(random() * 3);
      const trail: string[] = [];
      for (let s = 0; s < steps; s += 1) trail.push(MUTATIONS[pick(names, random)]!(lines, random));
      const parsed = parseReportText(lines.join('\n'));
      if (!parsed.ok) {
        counts.refused += 1;
        expect(parsed.problems[0]?.message, trail.join(', ')).toMatch(/\p{Script=Han}/u);
        continue;
      }
      counts.parsed += 1;
      const { findings } = checkReport(parsed.report, BUNDLED_RUBRIC);
      const crashes = findings.filter((f) => f.ruleId === CRASH_RULE_ID);
      expect(crashes, `${trail.join(', ')}: ${crashes.map((c) => c.message).join(' / ')}`).toEqual([]);
      for (const f of findings) {
        expect(f.line, trail.join(', ')).toBeLessThanOrEqual(parsed.report.lines.length);
        expect(f.message).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(counts.parsed).toBeGreaterThan(CASES / 2);
  });
});
