import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { startFakeOpenAIChat } from '../helpers/fake-openai-chat.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { readDocument } from '../../src/document/read-document.ts';
import { readReportBytes } from '../../src/report/parse-report.ts';
import { placeText } from '../../src/checks/format/place.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { analyzeReport, type ReportContext } from '../../src/assistant/report-context.ts';
import { composeDraft } from '../../src/assistant/draft-service.ts';
import { findPreviousYear, type PreviousYear, type PreviousYearStore } from '../../src/drafting/previous-year.ts';
import type { Rubric } from '../../src/model/index.ts';
import { CASES, NARRATIVE_CASE, TRANSPORT_EXTRA, narrative, type DepartmentCase, type PastFixtureFile } from './previous-year-fixtures.ts';

/**
 * Drafting from last year's report (issue 22): last year's reports of two departments in two shapes, and a neighbour
 * of each, are ingested into an embedded store (PGlite, temp dir); this year's reports are drafted against it.
 * Expectations come from the fixture data and the documents as read, never from the drafter.
 */

const SCOPE = 'past';
let test: TestDatabase;
let kb: KnowledgeBase;
let store: PreviousYearStore;
let rubric: Rubric;
let root: string;
const files = new Map<string, PastFixtureFile>();

beforeAll(async () => {
  test = await createTestDatabase();
  kb = await openKnowledgeBase(test.config, { db: test.db, embedder: null });
  store = { reports: kb.past.reports, indicators: kb.past.indicators, list: kb.list };
  rubric = await loadRubric();
  root = mkdtempSync(join(tmpdir(), 'selfeval-previous-year-'));
  for (const c of CASES) for (const f of await c.files()) {
    files.set(f.name, f);
    writeFileSync(join(root, f.name), f.bytes);
  }
  const past = CASES.flatMap((c) => [c.lastYear.file, c.neighbour.year.file]).map((name) => join(root, name));
  const summary = await kb.ingest(past, { scope: SCOPE });
  expect(summary.files.map((f) => f.status)).toEqual(past.map(() => 'added'));
}, 60_000);

afterAll(async () => {
  await kb?.close();
  await test?.dispose();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function contextOf(name: string, bytes = files.get(name)!.bytes): Promise<ReportContext> {
  const parsed = await readReportBytes(name, bytes);
  if (!parsed.ok) throw new Error(parsed.problems[0]?.message);
  return analyzeReport(name, parsed.report, rubric);
}

/** Every line of a fixture document by the place a person finds it at ("第 12 行", "表 1 第 6 行", "第 3 段"). */
async function placesOf(name: string): Promise<Map<string, string>> {
  const read = await readDocument(name, files.get(name)!.bytes);
  if (!read.ok) throw new Error(read.problem.message);
  const { lines, lineLocations } = read.document;
  return new Map(lines.map((text, i) => [`${name} ${placeText(lineLocations[i], i + 1)}`, text]));
}

/** The text of the line a draft cites right after `lead` ("…（farm-2023.docx 表 1 第 6 行）"). */
function citedLine(text: string, lead: string, file: string, places: Map<string, string>): string {
  const at = text.indexOf(lead);
  expect(at, `“${lead}” in the draft`).toBeGreaterThanOrEqual(0);
  const place = new RegExp(`（(?:据上年报告 )?(${file.replace('.', '\\.')} [^，）]+)）`, 'u').exec(text.slice(at + lead.length))?.[1];
  expect(place, `a place in ${file} after “${lead}”`).toBeDefined();
  const line = places.get(place!) ?? [...places.entries()].find(([p]) => place!.startsWith(`${p}第`))?.[1];
  expect(line, `${place} is a line of ${file}`).toBeDefined();
  return line!;
}

const pointsOf = (text: string) => text.split(/\n\n(?=[一二三四五六七八九十]是)/u).slice(1).map((p) => p.split('\n\n')[0]!);
const clean = (text: string) => text.replace(/[。；]$/u, '');

async function draft(c: DepartmentCase, section: '上年问题整改情况' | '部门整体收支情况' | '自评结论', scope = SCOPE) {
  const context = await contextOf(c.thisYear.file);
  const previousYear = await findPreviousYear(store, context.report, scope);
  return { previousYear, result: await composeDraft(context, section, { previousYear }) };
}

describe.each(CASES)('上年问题整改情况 — $shape', (c) => {
  it('lists last year’s 存在问题 one by one, each cited to its line of last year’s report', async () => {
    const { previousYear, result } = await draft(c, '上年问题整改情况');
    expect(previousYear.status).toBe('found');
    expect(result.mode).toBe('offline');
    expect(result.notes).toEqual([]);
    expect(result.text).not.toContain('待核实');
    expect(result.text).toContain(`${c.department}${c.lastYear.year}年度自评报告（${c.lastYear.file}）`);
    const points = pointsOf(result.text);
    expect(points).toHaveLength(c.lastYear.problems.length);
    const places = await placesOf(c.lastYear.file);
    c.lastYear.problems.forEach((problem, k) => {
      const lead = `上年报告写道：“${clean(problem)}”`;
      expect(points[k]).toContain(lead);
      expect(citedLine(points[k]!, lead, c.lastYear.file, places)).toContain(clean(problem));
    });
  });

  it('gives the same indicator’s score both years, cited to both reports, and says plainly what this year does not say', async () => {
    const { result } = await draft(c, '上年问题整改情况');
    const points = pointsOf(result.text);
    const lastPlaces = await placesOf(c.lastYear.file);
    const nowPlaces = await placesOf(c.thisYear.file);
    c.tied.forEach((name, k) => {
      const point = points[k]!;
      if (name) {
        const last = c.lastYear.indicators.find((i) => i.name === name)!;
        const now = c.thisYear.indicators.find((i) => i.name === name)!;
        const nowLead = `“${name}”今年得 ${now.score}/${now.weight} 分`;
        expect(point).toContain(nowLead);
        const nowLine = new RegExp(`${nowLead}（([^）]+)）`, 'u').exec(point)![1]!;
        expect(nowPlaces.get(`${c.thisYear.file} ${nowLine}`)).toContain(String(now.score));
        const lastLead = `上年得 ${last.score}/${last.weight} 分`;
        expect(citedLine(point, lastLead, c.lastYear.file, lastPlaces)).toContain(String(last.score));
        const lostNow = now.weight - now.score;
        expect(point).toContain(lostNow === 0 ? '今年得满分' : `今年扣 ${lostNow} 分`);
        if (last.actual && now.actual) expect(point).toMatch(new RegExp(`今年 ${now.actual}（[^）]+）；上年 ${last.actual}（[^）]+${c.lastYear.file.replace('.', '\\.')}`, 'u'));
      } else {
        expect(point).not.toMatch(/今年得 \d/u);
      }
      const action = c.action?.problem === k ? c.action.text : null;
      if (action) {
        expect(point).toContain(`今年报告写道：“${clean(action)}”`);
        expect(point).not.toContain('没有写明这一问题是否已经整改');
      } else {
        expect(point).toContain('今年报告没有写明这一问题是否已经整改。');
      }
    });
    // Never says a problem was rectified: only "是否已经整改" (not said) or this year's own sentence quoted.
    expect(result.text.replace(/是否已经整改/gu, '').replace(/“[^”]*”/gu, '')).not.toMatch(/已(?:经)?整改|整改到位|整改完成/u);
  });

  it('takes nothing from another department (same indicators, same year, similar name)', async () => {
    const { result } = await draft(c, '上年问题整改情况');
    const all = `${result.text}\n${result.numbers.map((n) => n.source).join('\n')}`;
    expect(all).not.toContain(c.neighbour.department);
    expect(all).not.toContain(c.neighbour.year.file);
    for (const i of c.neighbour.year.indicators) if (i.reason) expect(all).not.toContain(clean(i.reason));
    for (const p of c.neighbour.year.problems) expect(all).not.toContain(clean(p));
  });
});

describe('last year’s deductions its 存在问题 leaves out', () => {
  it('are listed after the problems, each with its score both years, cited to both', async () => {
    const c = NARRATIVE_CASE;
    const lost = c.lastYear.indicators.filter((i) => i.reason);
    let text = narrative(c.department, c.lastYear, [TRANSPORT_EXTRA], null);
    lost.forEach((i, k) => { text = text.replace(`${k + 1}.${i.reason}\n`, ''); });
    expect(text).not.toContain(`.${lost[0]!.reason}`);
    const dir = join(root, 'untold');
    mkdirSync(dir);
    writeFileSync(join(dir, c.lastYear.file), text);
    await kb.ingest([join(dir, c.lastYear.file)], { scope: 'untold' });
    const { result } = await draft(c, '上年问题整改情况', 'untold');
    expect(result.notes).toEqual([]);
    expect(pointsOf(result.text)).toHaveLength(1);
    const [, rest] = result.text.split('另外，上年报告扣分而“存在问题”没有列出的指标：');
    expect(rest).toBeDefined();
    for (const i of lost) {
      const now = c.thisYear.indicators.find((n) => n.name === i.name)!;
      expect(rest).toContain(`“${i.name}”今年得 ${now.score}/${now.weight} 分`);
      expect(rest).toContain(`上年得 ${i.score}/${i.weight} 分（${c.lastYear.file} 第 `);
    }
  });
});

describe('last year’s report lists no problems', () => {
  it('says so and gives last year’s deducted indicators with their scores both years', async () => {
    const c = NARRATIVE_CASE;
    const lost = c.lastYear.indicators.filter((i) => i.reason);
    let text = narrative(c.department, c.lastYear, [], null);
    lost.forEach((i, k) => { text = text.replace(`${k + 1}.${i.reason}\n`, k === 0 ? '无。\n' : ''); });
    const dir = join(root, 'none-listed');
    mkdirSync(dir);
    writeFileSync(join(dir, c.lastYear.file), text);
    await kb.ingest([join(dir, c.lastYear.file)], { scope: 'none-listed' });
    const { result } = await draft(c, '上年问题整改情况', 'none-listed');
    expect(result.notes).toEqual([]);
    expect(result.text).toContain(`${c.lastYear.file}）中没有找到“存在问题”部分列出的问题`);
    const points = pointsOf(result.text);
    expect(points).toHaveLength(lost.length);
    lost.forEach((i, k) => expect(points[k]).toContain(`上年得 ${i.score}/${i.weight} 分（${c.lastYear.file} 第 `));
    expect(result.text).not.toContain('上年报告写道');
  });
});

describe('上年 figures from last year’s report', () => {
  it('部门整体收支情况: 上年 totals this year’s text leaves out come from last year’s report, cited, the change recomputed', async () => {
    const c = NARRATIVE_CASE;
    const { result } = await draft(c, '部门整体收支情况');
    expect(result.notes).toEqual([]);
    const places = await placesOf(c.lastYear.file);
    for (const [label, now, last] of [['总收入决算数', c.thisYear.income!, c.lastYear.income!], ['总支出决算数', c.thisYear.spending!, c.lastYear.spending!]] as const) {
      const lead = `上年${label} ${last} 万元`;
      expect(citedLine(result.text, lead, c.lastYear.file, places)).toContain(`${label}${last}万元`);
      const change = new Decimal(now).minus(last).div(last).times(100);
      expect(result.text).toContain(`${lead}（据上年报告 ${c.lastYear.file} `);
      expect(result.text).toMatch(new RegExp(`${lead}[^。]*与上年相比${change.isNegative() ? '减少' : '增加'} ${change.abs().toFixed(2)}%`, 'u'));
    }
    // Without last year's report the draft is as before: no 上年 sentence.
    const alone = await composeDraft(await contextOf(c.thisYear.file), '部门整体收支情况');
    expect(alone.text).not.toContain('上年');
  });

  it('自评结论: last year’s stated total beside this year’s, with the difference', async () => {
    const c = NARRATIVE_CASE;
    const { result } = await draft(c, '自评结论');
    expect(result.notes).toEqual([]);
    const total = (rows: { score: number }[]) => rows.reduce((n, r) => n + r.score, 0);
    const [now, last] = [total(c.thisYear.indicators), total(c.lastYear.indicators)];
    expect(result.text).toContain(`上年（${c.lastYear.year}年度）自评得分 ${last} 分（${c.lastYear.file} 第 `);
    expect(result.text).toContain(now === last ? '与上年持平' : `比上年${now < last ? '减少' : '增加'} ${Math.abs(now - last)} 分`);
  });
});

describe('no previous-year report in the store', () => {
  it.each([
    { what: 'none of the department', scope: 'empty-scope', year: 2024, held: [] as number[] },
    { what: 'other years only', scope: SCOPE, year: 2025, held: [2023] },
  ])('$what: one sentence with the years held and how to ingest', async ({ scope, year, held }) => {
    const c = NARRATIVE_CASE;
    const text = new TextDecoder().decode(files.get(c.thisYear.file)!.bytes).replaceAll(String(c.thisYear.year), String(year));
    const context = await contextOf(`this-${year}.txt`, new TextEncoder().encode(text));
    const previousYear: PreviousYear = await findPreviousYear(store, context.report, scope);
    expect(previousYear.status).toBe('missing');
    const result = await composeDraft(context, '上年问题整改情况', { previousYear });
    expect(result.notes).toEqual([]);
    expect(result.text.split(/[。]/u).filter((s) => s.trim() !== '')).toHaveLength(1);
    expect(result.text).toContain(`selfeval ingest 去年报告 --scope ${scope}`);
    expect(result.text).toContain(`${year - 1} 年度`);
    if (held.length === 0) expect(result.text).toContain(`没有${c.department}的往年报告`);
    else for (const y of held) expect(result.text).toContain(`${c.department} ${y} 年`);
    expect(result.text).not.toContain(c.neighbour.department);
  });

  it('the original file moved after ingest: problems from the stored text, cited by section, said so', async () => {
    const c = NARRATIVE_CASE;
    const from = join(root, c.lastYear.file);
    renameSync(from, `${from}.moved`);
    try {
      const { previousYear, result } = await draft(c, '上年问题整改情况');
      expect(previousYear.status === 'found' && previousYear.previous.report).toBeNull();
      expect(result.notes).toEqual([]);
      const points = pointsOf(result.text);
      expect(points).toHaveLength(c.lastYear.problems.length);
      c.lastYear.problems.forEach((p, k) => expect(points[k]).toContain(`“${clean(p)}”（${c.lastYear.file} “存在问题”部分（第 `));
      expect(result.text).toContain('已不在或无法读取');
    } finally {
      renameSync(`${from}.moved`, from);
    }
  });
});

describe('with a model', () => {
  it('the model phrases the draft; a number it invents is caught by the guard and the offline draft is given', async () => {
    const c = CASES[1]!;
    const offline = (await draft(c, '上年问题整改情况')).result.text;
    for (const [reply, mode] of [[`${offline}\n\n（以上由模型润色）`, 'llm'], [`${offline}\n\n整改完成率达到 87%。`, 'offline']] as const) {
      const fake = await startFakeOpenAIChat(() => ({ kind: 'text', content: reply }));
      try {
        const context = await contextOf(c.thisYear.file);
        const previousYear = await findPreviousYear(store, context.report, SCOPE);
        const llm = { baseURL: fake.baseURL, apiKey: 'test', model: 'fake', timeoutMs: 5_000, maxRetries: 0 };
        const result = await composeDraft(context, '上年问题整改情况', { previousYear, llm });
        expect(result.mode).toBe(mode);
        if (mode === 'llm') expect(result.text).toContain('以上由模型润色');
        else {
          expect(result.text).toBe(offline);
          expect(result.guardStopped).toBe(true);
          expect(result.notes.join('')).toContain('87%');
        }
      } finally {
        await fake.close();
      }
    }
  });
});
