import { getSegmenter } from '../../knowledge/segment.js';

/**
 * Words of a question or a report phrase, cut by jieba with the domain dictionary (knowledge/dict), and the synonym
 * table's expansions of colloquial phrases. Matching works on these words, not on a fixed keyword list. The segmenter
 * is the knowledge base's own (one jieba per process).
 */

/** Full-width digits and brackets to one form, quotes and spaces dropped: "“三公”经费" → "三公经费", "村(居)" → "村（居）". */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[“”"'‘’「」『』《》]/gu, '')
    .replace(/\(/gu, '（')
    .replace(/\)/gu, '）')
    .replace(/\s+/gu, '');
}

/** Words that carry no topic: question words, function words, the report's owner. */
const STOP = new Set(
  (
    '的 了 是 为 有 和 与 及 或 在 把 被 对 给 吗 呢 吧 啊 呀 么 嘛 哦 哈 我 我们 你 您 他 它 这 那 这个 那个 这些 那些 这样 那样 ' +
    '多少 几 几个 什么 哪 哪些 哪个 哪里 怎么 怎样 如何 为什么 是不是 有没有 能不能 一下 请问 请 帮 帮我 看看 说说 告诉 知道 ' +
    '报告 里 中 上 下 一共 总共 分别 都 也 还 就 才 又 再 很 最 更 已 已经 其中 本 该 各 每 个 项 万元 元 人 名 ' +
    '我局 我单位 本单位 本部门 我部门 我中心 本年 本年度 今年 年度 全年 当年 写 写的 说 里面 里头 数 数字 数据 情况'
  ).split(' '),
);

export function isStopWord(word: string): boolean {
  return STOP.has(word);
}

/** jieba search-mode words of a text (Han and Latin runs; numbers left out), without stop words. */
export function wordsOf(text: string): string[] {
  const normalized = normalizeText(text).replace(/\d+(?:\.\d+)?%?/gu, ' ');
  const out: string[] = [];
  for (const word of getSegmenter().cutForSearch(normalized)) {
    const cleaned = word.replace(/[^\p{Script=Han}A-Za-z]/gu, '');
    if (!cleaned || STOP.has(cleaned)) continue;
    out.push(cleaned);
  }
  return [...new Set(out)];
}

/** The synonym table's formal terms for colloquial phrases in the text ("三公" → 三公经费, 经济性 …). */
export function synonymExpansions(text: string): string[] {
  const compact = normalizeText(text);
  const found = new Set<string>();
  for (const synonym of getSegmenter().synonyms) {
    if (synonym.terms.some((t) => compact.includes(normalizeText(t)))) for (const target of synonym.expandsTo) found.add(target);
  }
  return [...found];
}

/** Han character bigrams: a fallback that still matches when a question has a typo ("三工经费" still shares "经费"). */
export function bigramsOf(text: string): string[] {
  const han = normalizeText(text).replace(/[^\p{Script=Han}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i += 1) out.add(han.slice(i, i + 2));
  return [...out];
}
