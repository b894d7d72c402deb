import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { policyRules } from '../../src/assistant/answers/policy-rules.js';
import { KNOWLEDGE_DIR } from './knowledge-files.js';
import { runPolicyQuestionBench } from '../../bench/questions.ts';

/**
 * The policy rules (knowledge/policy/scoring-rules.yaml), the rubric files, the guides and the answers must not
 * contradict each other: the same formula for a rate, the same grade bands, and no trace of the corrected statements.
 */
interface Node { id: string; name: string; definition: string; formula?: { expression: string }; children?: Node[] }

const rules = policyRules();
const mof = parseYaml(readFileSync(join(KNOWLEDGE_DIR, 'rubrics', 'mof-2013-53.yaml'), 'utf8')) as { indicators: Node[] };
const flat = (nodes: Node[]): Node[] => nodes.flatMap((n) => [n, ...flat(n.children ?? [])]);
const byId = new Map(flat(mof.indicators).map((n) => [n.id, n]));
const squash = (s: string) => s.replace(/[\s“”"（）()]/gu, '');

function guides(): { path: string; text: string }[] {
  const dir = join(KNOWLEDGE_DIR, 'guides');
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.md') ? [join(d, e.name)] : []));
  return walk(dir).map((path) => ({ path, text: readFileSync(path, 'utf8') }));
}

/** Grade bands stated in a text: “90 分（含）以上为优”, “80 分（含）至 90 分为良”, “60 分以下为差”, “优（90—100 分）”. */
function bandsIn(text: string): { grade: string; min: number | null; max: number | null }[] {
  const out: { grade: string; min: number | null; max: number | null }[] = [];
  for (const m of text.matchAll(/(\d+)\s*分?（含）\s*(?:以上|—\s*100\s*分)\s*(?:为|是)?\s*([优良中差])/gu)) out.push({ grade: m[2]!, min: Number(m[1]), max: null });
  for (const m of text.matchAll(/(\d+)\s*分?（含）\s*(?:至|—|-)\s*(\d+)\s*分\s*(?:为|是)?\s*([优良中差])/gu)) out.push({ grade: m[3]!, min: Number(m[1]), max: Number(m[2]) });
  for (const m of text.matchAll(/(\d+)\s*分以下\s*(?:为|是)?\s*([优良中差])/gu)) out.push({ grade: m[2]!, min: null, max: Number(m[1]) });
  return out;
}

function agreesWithRules(band: { grade: string; min: number | null; max: number | null }): boolean {
  const rule = rules.gradeBands.bands.find((b) => b.grade === band.grade);
  // “90（含）—100 分为优”: 100 is the top of the scale, the same as no upper bound
  return Boolean(rule) && (band.min === null || band.min === rule!.min) && (band.max === null || band.max === rule!.max || (rule!.max === null && band.max === 100));
}

describe('knowledge/policy/scoring-rules.yaml against the rubric files and the guides', () => {
  it('every rate formula is the one of its indicator in the 财预〔2013〕53号 rubric', () => {
    for (const rate of rules.rates) {
      const node = byId.get(rate.rubricId);
      expect(node, rate.rubricId).toBeDefined();
      if (node!.formula) expect(squash(rate.expression), rate.id).toBe(squash(node!.formula.expression));
      else expect(squash(node!.definition), rate.id).toContain(squash(rate.expression.replace(/预算数/gu, '总额').replace(/“三公”经费/gu, '“三公经费”')));
    }
  });

  it('三公经费变动率 is on 预算数 everywhere (财预〔2013〕53号), never stated on 决算数', () => {
    const rate = rules.rates.find((r) => r.id === '三公经费变动率')!;
    expect(rate.basis).toBe('预算数');
    expect(byId.get(rate.rubricId)!.definition).toContain('预算数');
    for (const { path, text } of guides()) expect(text, path).not.toMatch(/变动率\s*=\s*（本年[^）]*决算数/u);
  });

  it('the grade bands are ordered, cover every score, and every band a guide states agrees with them', () => {
    const bands = rules.gradeBands.bands;
    for (let i = 1; i < bands.length; i += 1) expect(bands[i]!.max, bands[i]!.grade).toBe(bands[i - 1]!.min);
    expect(bands[0]!.max).toBeNull();
    expect(bands.at(-1)!.min).toBeNull();
    let stated = 0;
    for (const { path, text } of guides()) {
      for (const band of bandsIn(text)) {
        stated += 1;
        expect(agreesWithRules(band), `${path}: ${band.grade} ${band.min}–${band.max}`).toBe(true);
      }
    }
    expect(stated).toBeGreaterThanOrEqual(4);
  });

  it('the corrected statements stay corrected', () => {
    const all = guides().map((g) => g.text).join('\n');
    const lechang = readFileSync(join(KNOWLEDGE_DIR, 'rubrics', 'lechang-2024.yaml'), 'utf8');
    expect(all + lechang).not.toMatch(/岳阳(?:市)?某单位/u); // it is the city finance bureau's reference form
    expect(all).not.toMatch(/预算法[^。]{0,30}(?:要求|作出说明)[^。]{0,20}“三公”经费/u); // 第十四条 names 机关运行经费
    expect(lechang).not.toMatch(/外地规则（湖南 S2、另一省 S3）：不超过 100% 得满分，每超 1 个百分点扣分值的 10%/u);
  });

  it('every document a policy guide cites by number is listed with its title', () => {
    const numbers = new Set(rules.documents.map((d) => d.number));
    const dir = resolve(KNOWLEDGE_DIR, 'guides', '制度');
    for (const name of readdirSync(dir)) {
      const text = readFileSync(join(dir, name), 'utf8');
      for (const m of text.matchAll(/(?:中发|财预|湘办发|内财监|鄂财绩发)〔\d{4}〕\d+号/gu)) expect(numbers.has(m[0]), `${name}: ${m[0]}`).toBe(true);
    }
  });
});

describe('the policy question set, answered offline', () => {
  it('scores at least 95%, and no answer states a band or a rate formula the rules contradict', async () => {
    const bench = await runPolicyQuestionBench();
    expect(bench.total.questions).toBeGreaterThanOrEqual(60);
    const wrong = bench.results.filter((r) => !r.right).map((r) => `${r.question.id} ${r.question.question}: 缺 ${r.missing.join('、')}`);
    expect(bench.total.share, wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
    for (const r of bench.results) {
      for (const band of bandsIn(r.answer)) expect(agreesWithRules(band), `${r.question.id}: ${band.grade}`).toBe(true);
      for (const rate of rules.rates) {
        for (const m of r.answer.matchAll(new RegExp(`${rate.id}\\s*=\\s*([^（。\\n]+?×\\s*100%)`, 'gu'))) {
          expect(squash(m[1]!), `${r.question.id}: ${rate.id}`).toBe(squash(rate.expression));
        }
      }
    }
  }, 120_000);
});
