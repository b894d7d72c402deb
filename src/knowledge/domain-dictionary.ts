import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseYamlText as parseYaml } from '../runtime/yaml-text.js';
import { z } from 'zod';

/** The repository's knowledge/ folder (bundled guides, dictionary, examples). */
export const BUNDLED_KNOWLEDGE_DIR = fileURLToPath(new URL('../../knowledge/', import.meta.url));

/** How people talk → the rubric's terms: `钱没花完` → `预算执行率`, `结转结余`. */
export interface Synonym {
  terms: string[];
  expandsTo: string[];
}

export interface DomainDictionary {
  /** jieba user dictionary text ("word freq tag" lines), empty when absent. */
  userDict: string;
  synonyms: Synonym[];
  /** Changes whenever the dictionary or synonyms change: part of every document's index hash. */
  fingerprint: string;
  /** Chinese sentences about files that could not be read (the rest still works). */
  problems: string[];
}

const SynonymFileSchema = z.union([
  z.array(z.object({ terms: z.array(z.string()).min(1), expands_to: z.array(z.string()).min(1) })),
  z.object({
    synonyms: z.array(z.object({ terms: z.array(z.string()).min(1), expands_to: z.array(z.string()).min(1) })),
  }),
]);

/** Read knowledge/dict/user-dict.txt and knowledge/dict/synonyms.yaml; missing files mean "none". */
export function loadDomainDictionary(dictDir: string = join(BUNDLED_KNOWLEDGE_DIR, 'dict')): DomainDictionary {
  const problems: string[] = [];
  const userDictPath = join(dictDir, 'user-dict.txt');
  const synonymsPath = join(dictDir, 'synonyms.yaml');
  const userDict = existsSync(userDictPath) ? cleanUserDict(readFileSync(userDictPath, 'utf8')) : '';
  let synonyms: Synonym[] = [];
  let synonymsText = '';
  if (existsSync(synonymsPath)) {
    synonymsText = readFileSync(synonymsPath, 'utf8');
    try {
      const parsed = SynonymFileSchema.safeParse(parseYaml(synonymsText));
      if (parsed.success) {
        const list = Array.isArray(parsed.data) ? parsed.data : parsed.data.synonyms;
        synonyms = list.map((s) => ({ terms: s.terms.map((t) => t.trim()).filter(Boolean), expandsTo: s.expands_to }));
      } else {
        problems.push(`同义词表 ${synonymsPath} 格式不对（应为 terms / expands_to 列表），已忽略。`);
      }
    } catch {
      problems.push(`同义词表 ${synonymsPath} 不是合法的 YAML，已忽略。`);
    }
  }
  const fingerprint = createHash('sha256').update(userDict).update('\0').update(synonymsText).digest('hex').slice(0, 16);
  return { userDict, synonyms, fingerprint, problems };
}

/** Keep only "word [freq [tag]]" lines; jieba rejects comments and blank lines. */
function cleanUserDict(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [word, freq, tag] = line.split(/\s+/);
      const frequency = freq && /^\d+$/.test(freq) ? freq : '100000';
      return [word, frequency, tag].filter(Boolean).join(' ');
    })
    .join('\n');
}
