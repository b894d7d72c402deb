import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { loadDomainDictionary, type DomainDictionary, type Synonym } from './domain-dictionary.js';
import { QUERY_STOP_WORDS } from './stop-words.js';

/** A query term with its weight: 1 for the user's own words, less for synonym expansions. */
export interface QueryTerm {
  term: string;
  weight: number;
}

export interface Segmenter {
  /** Identifies dictionary + synonyms: index hashes include it so a new dictionary re-indexes. */
  readonly fingerprint: string;
  /** Tokens for the index: words and their sub-words (jieba search mode), numbers whole, lower-case Latin. */
  indexTokens(text: string): string[];
  /** Distinct query terms: stop words removed, synonyms of colloquial phrases added with a lower weight. */
  queryTerms(query: string): QueryTerm[];
  /** jieba's search-mode words of a text, as they are (for the assistant's question understanding). */
  cutForSearch(text: string): string[];
  /** The dictionary's colloquial phrases and what they expand to. */
  readonly synonyms: readonly Synonym[];
}

const EXPANSION_WEIGHT = 0.6;
/** Numbers stay whole: 58.48%, 1,234.5, 2024. Commas are dropped so both sides agree. */
const NUMBER = /\d+(?:,\d{3})*(?:\.\d+)?%?/g;
const KEEP = /[\p{L}\p{N}]/u;

/**
 * jieba with the default dictionary plus the domain words and synonym phrases: loading it costs ≈0.2 s and tens of MB,
 * so there is one per dictionary per process, shared by search and question understanding.
 */
const jiebas = new Map<string, Jieba>();

function jiebaFor(dictionary: Pick<DomainDictionary, 'userDict' | 'synonyms' | 'fingerprint'>): Jieba {
  let jieba = jiebas.get(dictionary.fingerprint);
  if (jieba) return jieba;
  jieba = Jieba.withDict(dict);
  const extraWords = dictionary.synonyms.flatMap((s) => [...s.terms, ...s.expandsTo]).filter((w) => !/\s/.test(w));
  const userDict = [dictionary.userDict, ...extraWords.map((w) => `${w} 20000`)].filter(Boolean).join('\n');
  if (userDict) jieba.loadDict(Buffer.from(userDict, 'utf8'));
  jiebas.set(dictionary.fingerprint, jieba);
  return jieba;
}

export function createSegmenter(dictionary: Pick<DomainDictionary, 'userDict' | 'synonyms' | 'fingerprint'>): Segmenter {
  const jieba = jiebaFor(dictionary);

  const tokens = (text: string): string[] => {
    const out: string[] = [];
    let last = 0;
    for (const match of text.matchAll(NUMBER)) {
      pushWords(jieba, text.slice(last, match.index), out);
      out.push(match[0].replace(/,/g, '').replace(/%$/, ''));
      last = match.index + match[0].length;
    }
    pushWords(jieba, text.slice(last), out);
    return out;
  };

  return {
    fingerprint: dictionary.fingerprint,
    synonyms: dictionary.synonyms,
    cutForSearch: (text) => jieba.cutForSearch(text, true),
    indexTokens: tokens,
    queryTerms(query: string): QueryTerm[] {
      const weights = new Map<string, number>();
      const add = (term: string, weight: number) => {
        if (QUERY_STOP_WORDS.has(term)) return;
        weights.set(term, Math.max(weights.get(term) ?? 0, weight));
      };
      for (const term of tokens(query)) add(term, 1);
      for (const expansion of expansionsOf(query, dictionary.synonyms)) {
        for (const term of tokens(expansion)) add(term, EXPANSION_WEIGHT);
      }
      return [...weights].map(([term, weight]) => ({ term, weight }));
    },
  };
}

/**
 * jieba search-mode words of a number-free run, cleaned to lexemes PostgreSQL's 'simple' parser keeps whole. Search
 * mode adds only the 2- and 3-character dictionary words inside a long word, so the longer ones are added here:
 * 政府采购执行率 also yields 政府采购.
 */
function pushWords(jieba: Jieba, run: string, out: string[]): void {
  if (!run.trim()) return;
  for (const word of jieba.cutForSearch(run, true)) {
    const cleaned = clean(word);
    if (!cleaned) continue;
    if (cleaned.length >= 5) {
      for (const inner of jieba.cutAll(cleaned)) {
        if (inner.length >= 4 && inner.length < cleaned.length) out.push(inner);
      }
    }
    out.push(cleaned);
  }
}

function clean(word: string): string | undefined {
  const cleaned = word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  return cleaned && KEEP.test(cleaned) ? cleaned : undefined;
}

/** Rubric terms for every colloquial phrase the query contains ("钱没花完会扣分吗" → 预算执行率, 结转结余…). */
export function expansionsOf(query: string, synonyms: readonly Synonym[]): string[] {
  const compact = query.replace(/\s+/g, '');
  const found = new Set<string>();
  for (const synonym of synonyms) {
    if (synonym.terms.some((term) => compact.includes(term.replace(/\s+/g, '')))) {
      for (const target of synonym.expandsTo) found.add(target);
    }
  }
  return [...found];
}

const cache = new Map<string, Segmenter>();

/** The segmenter for a dictionary folder (default: the bundled knowledge/dict), built once per process. */
export function getSegmenter(dictDir?: string): Segmenter {
  const key = dictDir ?? '<bundled>';
  let segmenter = cache.get(key);
  if (!segmenter) {
    segmenter = createSegmenter(loadDomainDictionary(dictDir));
    cache.set(key, segmenter);
  }
  return segmenter;
}
