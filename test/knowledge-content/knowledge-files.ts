import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT } from '../helpers/sample-report.js';

/** The bundled knowledge folder and the files of its content that the tests check. */
export const KNOWLEDGE_DIR = resolve(REPO_ROOT, 'knowledge');
export const INDICATOR_GUIDES_DIR = resolve(KNOWLEDGE_DIR, 'guides', 'indicators');
/** Guides on the system itself (documents, stages, forms, publication, provinces). */
export const POLICY_GUIDES_DIR = resolve(KNOWLEDGE_DIR, 'guides', '制度');
export const USER_DICT_PATH = resolve(KNOWLEDGE_DIR, 'dict', 'user-dict.txt');
export const SYNONYMS_PATH = resolve(KNOWLEDGE_DIR, 'dict', 'synonyms.yaml');
export const RUBRIC_PATH = resolve(KNOWLEDGE_DIR, 'rubrics', 'lechang-2024.yaml');
export const EXAMPLE_REPORT_PATH = resolve(KNOWLEDGE_DIR, 'examples', '示例县数据服务中心-2024-自评报告.txt');
export const GOLD_PATH = resolve(REPO_ROOT, 'test', 'fixtures', 'retrieval-gold.jsonl');
/** Research notes beside the checkout (read-only), like the sample report. */
export const RUBRIC_RESEARCH_PATH = resolve(REPO_ROOT, '..', 'shared', 'design', 'rubric-research.md');

/** The seven headings every indicator page carries, in this order. */
export const GUIDE_HEADINGS = [
  '衡量什么',
  '计算公式',
  '分值与评分规则',
  '常见失分情形',
  '报告中应写明的证据',
  '示例',
  '来源与可信度',
] as const;

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export function indicatorGuideNames(): string[] {
  return readdirSync(INDICATOR_GUIDES_DIR)
    .filter((name) => name.endsWith('.md'))
    .map((name) => name.slice(0, -'.md'.length));
}

export interface MarkdownSection {
  level: number;
  heading: string;
  body: string;
}

/** Split Markdown into sections at ATX headings (# … ######). Text before the first heading is dropped. */
export function markdownSections(text: string): MarkdownSection[] {
  const sections: MarkdownSection[] = [];
  for (const line of text.split(/\r?\n/)) {
    const heading = /^(#{1,6})\s+(.+?)\s*$/.exec(line);
    if (heading) sections.push({ level: heading[1]!.length, heading: heading[2]!, body: '' });
    else if (sections.length > 0) sections[sections.length - 1]!.body += `${line}\n`;
  }
  return sections;
}

/**
 * Indicator names of section 1 of rubric-research.md, one per table row: the 三级 name, or the 二级 block
 * when it is scored directly ("(在职人员控制率)" → 在职人员控制率, "经济性 6" → 经济性), or 加减分项;
 * bracketed optional words are dropped ("预决算信息(、绩效评价结果)公开性" → 预决算信息公开性).
 */
export function rubricResearchIndicatorNames(markdown: string): string[] {
  const start = markdown.indexOf('## 1.');
  const end = markdown.indexOf('## 2.', start);
  const rows = markdown.slice(start, end).split('\n').filter((line) => line.startsWith('|'));
  const names: string[] = [];
  for (const row of rows.slice(2)) {
    const cells = row.split('|').slice(1, -1).map((cell) => cell.trim());
    const [level1 = '', level2 = '', level3 = ''] = cells;
    const whole = /^[(（](.+)[)）]$/.exec(level3);
    let name: string;
    if (whole) name = whole[1]!;
    else if (level3 && level3 !== '—') name = level3.replace(/[(（][^)）]*[)）]/g, '');
    else if (level2 && level2 !== '—') name = level2.replace(/\s*\d+$/, '');
    else name = level1;
    names.push(name.replace(/\*/g, '').trim());
  }
  return names;
}

export function fileExists(path: string): boolean {
  return existsSync(path);
}
