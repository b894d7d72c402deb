import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import {
  GOLD_PATH, GUIDE_HEADINGS, POLICY_GUIDES_DIR, INDICATOR_GUIDES_DIR, KNOWLEDGE_DIR, RUBRIC_PATH, RUBRIC_RESEARCH_PATH, SYNONYMS_PATH,
  USER_DICT_PATH, fileExists, indicatorGuideNames, markdownSections, readText, rubricResearchIndicatorNames,
} from './knowledge-files.js';

interface RubricNode { name: string; weight: number; aliases?: string[]; children?: RubricNode[] }

function rubricLeaves(nodes: RubricNode[]): RubricNode[] {
  return nodes.flatMap((node) => (node.children?.length ? rubricLeaves(node.children) : [node]));
}

function guide(name: string): string {
  return readText(resolve(INDICATOR_GUIDES_DIR, `${name}.md`));
}

describe('indicator guide pages', () => {
  const pages = indicatorGuideNames();

  it('every page has its name as title and the seven fixed headings, in order, each with text', () => {
    expect(pages.length).toBeGreaterThanOrEqual(28);
    for (const name of pages) {
      const sections = markdownSections(guide(name));
      expect(sections[0], name).toMatchObject({ level: 1, heading: name });
      const level2 = sections.filter((s) => s.level === 2);
      expect(level2.map((s) => s.heading), name).toEqual([...GUIDE_HEADINGS]);
      for (const section of level2) expect(section.body.trim().length, `${name}#${section.heading}`).toBeGreaterThan(20);
    }
  });

  it('every page names its sources (S0–S11) and how sure we are', () => {
    for (const name of pages) {
      const sources = markdownSections(guide(name)).find((s) => s.heading === '来源与可信度')!;
      expect(sources.body, name).toMatch(/S(?:[0-9]|1[01])\b/);
      expect(sources.body, name).toMatch(/可信度(?:高|中|低|：无)/);
    }
  });

  const research = fileExists(RUBRIC_RESEARCH_PATH) ? readText(RUBRIC_RESEARCH_PATH) : null;
  if (!research) console.warn(`跳过：未找到 ${RUBRIC_RESEARCH_PATH}（评分研究笔记），只按内置指标体系核对指南页。`);
  it.skipIf(!research)('every row of the rubric research table (26 scored leaves, 资金下达合法性, 加减分项) has a page', () => {
    const names = rubricResearchIndicatorNames(research!);
    expect(names).toHaveLength(28);
    expect(names).toContain('在职人员控制率');
    expect(names).toContain('预决算信息公开性');
    expect(names).toContain('加减分项');
    for (const name of names) expect(pages, name).toContain(name);
  });

  it('every leaf of the bundled rubric has a page stating its weight in the 分值与评分规则 section', () => {
    const rubric = parseYaml(readText(RUBRIC_PATH)) as { indicators: RubricNode[] };
    const leaves = rubricLeaves(rubric.indicators);
    expect(leaves).toHaveLength(27);
    for (const leaf of leaves) {
      const page = [leaf.name, ...(leaf.aliases ?? [])].find((n) => pages.includes(n));
      expect(page, leaf.name).toBeDefined();
      const rule = markdownSections(guide(page!)).find((s) => s.heading === '分值与评分规则')!;
      expect(rule.body, page).toContain(`${leaf.weight} 分（样例报告写明，可信度高）`);
    }
  });

  it('pages name the colloquial questions people ask where they fit', () => {
    expect(guide('部门预算资金支出率')).toContain('钱没花完');
    expect(guide('结转结余率')).toContain('钱没花完');
    expect(guide('政府采购执行率')).toContain('买东西超预算');
    expect(guide('经济性')).toMatch(/出差[\s\S]*接待|接待[\s\S]*出差/);
    expect(guide('经济性')).toContain('公车');
    expect(guide('在职人员控制率')).toContain('人超编');
  });
});

const GoldLineSchema = z.strictObject({
  id: z.string().regex(/^q\d{3}$/),
  question: z.string().min(2),
  relevant: z.array(z.string().min(1)).min(1),
});

function goldLines(): z.infer<typeof GoldLineSchema>[] {
  return readText(GOLD_PATH)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const parsed = GoldLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`gold line ${index + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

describe('retrieval gold set', () => {
  it('has at least 100 well-formed questions with unique ids, questions and ~15 about the example report', () => {
    const gold = goldLines();
    expect(gold.length).toBeGreaterThanOrEqual(100);
    expect(new Set(gold.map((g) => g.id)).size).toBe(gold.length);
    expect(new Set(gold.map((g) => g.question)).size).toBe(gold.length);
    const aboutExample = gold.filter((g) => g.relevant.every((r) => r.startsWith('examples/')));
    expect(aboutExample.length).toBeGreaterThanOrEqual(15);
  });

  it('every relevant target exists: the file, the heading in it, or the (non-blank) line of the example', () => {
    for (const { id, relevant } of goldLines()) {
      for (const target of relevant) {
        const [path, anchor] = target.split('#') as [string, string | undefined];
        const file = resolve(KNOWLEDGE_DIR, path);
        expect(fileExists(file), `${id}: ${path}`).toBe(true);
        if (anchor === undefined) continue;
        const text = readText(file);
        const line = /^L(\d+)$/.exec(anchor);
        if (line) expect(text.split('\n')[Number(line[1]) - 1]?.trim(), `${id}: ${target}`).toBeTruthy();
        else expect(markdownSections(text).map((s) => s.heading), `${id}: ${target}`).toContain(anchor);
      }
    }
  });

  it('every indicator page is the answer to at least one question, and the colloquial cases are covered', () => {
    const gold = goldLines();
    const targets = new Set(gold.flatMap((g) => g.relevant.map((r) => r.split('#')[0])));
    for (const name of indicatorGuideNames()) expect(targets, name).toContain(`guides/indicators/${name}.md`);
    for (const page of ['guides/报告结构.md', 'guides/术语表.md', 'guides/评分规则总览.md']) expect(targets).toContain(page);
    const answers = (question: string): string[] => gold.find((g) => g.question === question)?.relevant ?? [];
    expect(answers('钱没花完会扣分吗')).toContain('guides/indicators/部门预算资金支出率.md');
    expect(answers('买东西超预算扣几分')).toContain('guides/indicators/政府采购执行率.md');
    expect(answers('出差接待超了怎么办')).toContain('guides/indicators/经济性.md');
    expect(answers('人超编扣分吗')).toContain('guides/indicators/在职人员控制率.md');
  });
});

describe('segmentation dictionary', () => {
  const lines = readText(USER_DICT_PATH).split('\n').filter((line) => line !== '');

  it('has one "词 词频 词性" entry per line, no duplicates, no brackets jieba cannot match', () => {
    const words = lines.map((line) => {
      const entry = /^(\S+) ([1-9]\d*) ([a-z]+)$/.exec(line);
      expect(entry, line).not.toBeNull();
      expect(entry![1], line).not.toMatch(/[()（）“”"]/);
      return entry![1]!;
    });
    expect(new Set(words).size).toBe(words.length);
    for (const name of indicatorGuideNames()) expect(words, name).toContain(name);
    for (const term of ['部门预算资金支出率', '结转结余率', '三公经费', '在职人员控制率', '国库集中支付', '公用经费', '决算数',
      '预算数', '自评得分', '不考核', '加减分项', '绩效目标', '村居']) expect(words, term).toContain(term);
  });

  it('keeps domain terms whole when loaded into jieba', () => {
    const jieba = Jieba.withDict(dict);
    jieba.loadDict(Buffer.from(lines.join('\n')));
    expect(jieba.cut('政府采购执行率怎么算', false)).toContain('政府采购执行率');
    expect(jieba.cut('部门预算资金支出率为58.48%', false)).toContain('部门预算资金支出率');
    expect(jieba.cut('国库集中支付结转结余存量资金效率性3分', false)).toContain('国库集中支付结转结余存量资金效率性');
    expect(jieba.cut('人超编扣分吗', false)).toEqual(expect.arrayContaining(['人超编', '扣分']));
  });
});

const SynonymsSchema = z.array(
  z.strictObject({ terms: z.array(z.string().min(1)).min(1), expands_to: z.array(z.string().min(1)).min(1) }),
).min(30);

describe('synonym table', () => {
  const parsed = SynonymsSchema.safeParse(parseYaml(readText(SYNONYMS_PATH)));

  it('parses with the fixed shape { terms, expands_to }', () => {
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  });

  it('maps the colloquial questions to rubric terms', () => {
    const expansions = (term: string): string[] =>
      (parsed.data ?? []).filter((e) => e.terms.includes(term)).flatMap((e) => e.expands_to);
    expect(expansions('钱没花完')).toEqual(expect.arrayContaining(['部门预算资金支出率', '预算执行率', '结转结余率']));
    expect(expansions('买东西超预算')).toContain('政府采购执行率');
    expect(expansions('采购超了')).toContain('政府采购执行率');
    for (const term of ['出差', '接待', '公车', '招待']) expect(expansions(term), term).toContain('三公经费');
    expect(expansions('人超编')).toContain('在职人员控制率');
    expect(expansions('超编')).toContain('在职人员控制率');
    for (const term of ['扣分', '丢分', '失分']) expect(expansions(term), term).toContain('评分规则');
    expect(expansions('办公费')).toContain('公用经费');
    expect(expansions('水电')).toContain('公用经费');
  });

  it('every expansion term occurs in the bundled guides, so expanding a query can reach a page', () => {
    const guides = ['报告结构', '术语表', '评分规则总览', '写作要点-存在问题与建议']
      .map((name) => readText(resolve(KNOWLEDGE_DIR, 'guides', `${name}.md`)))
      .concat(indicatorGuideNames().map(guide))
      .concat(readdirSync(POLICY_GUIDES_DIR).filter((n) => n.endsWith('.md')).map((n) => readText(resolve(POLICY_GUIDES_DIR, n))))
      .join('\n');
    const terms = [...new Set((parsed.data ?? []).flatMap((e) => e.expands_to))];
    expect(terms.filter((term) => !guides.includes(term))).toEqual([]);
  });
});
