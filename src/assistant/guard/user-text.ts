import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { BUNDLED_KNOWLEDGE_DIR } from '../../knowledge/domain-dictionary.js';

/**
 * The last pass over every text a user sees: no invisible characters, no raw LaTeX (`\leq`), no rule ids
 * (`score/own-standard`), and knowledge-base files cited by their title (《政府采购执行率》), not by path and line.
 */

const INVISIBLE = /[\u200b-\u200f\u2060-\u2064\ufeff]/gu;
const RULE_ID = /(?:score|formula|consistency)\/[a-z][a-z-]*[a-z]/gu;
const LATEX: [RegExp, string][] = [
  [/\\(?:leq|le|leqslant)\b/gu, '≤'],
  [/\\(?:geq|ge|geqslant)\b/gu, '≥'],
  [/\\(?:neq|ne)\b/gu, '≠'],
  [/\\times\b/gu, '×'],
  [/\\div\b/gu, '÷'],
  [/\\cdot\b/gu, '·'],
  [/\\approx\b/gu, '≈'],
  [/\\%/gu, '%'],
  [/\\frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}/gu, '$1 ÷ $2'],
  [/\\(?:text|mathrm|mathbf|textbf)\s*\{([^{}]*)\}/gu, '$1'],
  [/\\left|\\right/gu, ''],
  [/\\[()[\]]/gu, ''],
];
/** A knowledge file named by path, with an optional line: "guides/indicators/政府采购执行率.md 第 28 行". */
const KNOWLEDGE_PATH = /(?:knowledge\/)?(?:guides|rubrics|examples|policies|制度)\/[^\s）)，,；;：:」“”]*?\.(?:md|yaml|yml|txt)(?:\s*第\s*\d+\s*行)?/gu;

const titles = new Map<string, string>();

/** The title of a knowledge file (its first Markdown heading, else the file name), for citing it to a person. */
export function knowledgeTitle(source: string): string {
  const path = source.replace(/\s*第\s*\d+\s*行$/u, '').replace(/^knowledge\//u, '');
  const cached = titles.get(path);
  if (cached) return cached;
  let title = basename(path, extname(path));
  const file = join(BUNDLED_KNOWLEDGE_DIR, path);
  if (/\.(?:md|ya?ml)$/u.test(path) && existsSync(file)) {
    // A guide's first heading; a rubric's name.
    const pattern = /\.md$/u.test(path) ? /^#\s+(.+)$/mu : /^name:\s*["']?(.+?)["']?\s*$/mu;
    const found = pattern.exec(readFileSync(file, 'utf8').slice(0, 2000));
    if (found) title = found[1]!.trim();
  }
  titles.set(path, title);
  return title;
}

/** Whether a citation source is a knowledge-base file (cited by title) rather than the user's own report. */
export function isKnowledgePath(source: string): boolean {
  return /^(?:knowledge\/)?(?:guides|rubrics|examples|policies|制度)\/.+\.(?:md|yaml|yml|txt)$/u.test(source);
}

export function cleanUserText(text: string): string {
  let out = text.replace(INVISIBLE, '');
  for (const [pattern, replacement] of LATEX) out = out.replace(pattern, replacement);
  out = out.replace(/\$([^$\n]{1,80})\$/gu, '$1');
  out = out.replace(KNOWLEDGE_PATH, (path) => `《${knowledgeTitle(path)}》`);
  out = out.replace(/《([^《》]+)》（《\1》）/gu, '《$1》').replace(/([\p{Script=Han}A-Za-z]+)（《\1》）/gu, '《$1》');
  out = out.replace(new RegExp(`\\s*[（(\\[]\\s*(?:规则\\s*)?${RULE_ID.source}\\s*[)）\\]]`, 'gu'), '');
  out = out.replace(RULE_ID, '');
  return out;
}
