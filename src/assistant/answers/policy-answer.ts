import type { Citation, Rubric, RubricIndicator } from '../../model/index.js';
import { bigramsOf, wordsOf } from '../understand/words.js';
import { emptyAnswer, type Answer, type AnswerContext } from './answer.js';
import { answerPolicyComputation, answerRateRule } from './policy-computation.js';
import { indicatorInText } from '../indicator-lookup.js';
import { policyRules, type PolicyRules } from './policy-rules.js';

/**
 * Questions about the performance-evaluation system rather than one report — “76分算什么等级”, “绩效运行监控一般什么
 * 时候做”, “自评报告要不要公开”, “执行率91%，这项10分，能得几分”. No report is needed. Numbers in the question are worked
 * out (policy-computation.ts); otherwise the answer leads with the whole sentence of knowledge/guides/制度/ that answers,
 * then the documents it cites (title + 文号 + article) and the guide's line. Null: not a policy question (the caller
 * answers it as before).
 */
export async function answerPolicy(context: Pick<AnswerContext, 'question' | 'knowledge' | 'scope' | 'report' | 'rubric'>): Promise<Answer | null> {
  const question = context.question.trim();
  const rules = policyRules();
  const computed = answerPolicyComputation(question, rules);
  if (computed) return computed;
  if (context.report && ABOUT_MY_REPORT.test(question)) return null;
  const rate = answerRateRule(question, rules, (names) => rubricNames(context.rubric).some((n) => names.some((m) => m.replace(/[“”"]/gu, '') === n)));
  if (rate) return rate;
  if (!context.knowledge) return null;
  const { results } = await context.knowledge.search(question, { scope: context.scope, k: 12 });
  const words = wordsOf(question);
  // “预算决算信息公开性怎么扣分”: one indicator's score — the indicator answers keep it.
  const indicatorScoring = INDICATOR_SCORING.test(question) && indicatorInText(question, context.rubric, context.report) !== null;
  if (indicatorScoring) return null;
  // With a report loaded most questions are about it: only words that name the system itself make it a policy question.
  if (!(context.report ? SYSTEM_CUE : POLICY_CUE).test(question)) return null;
  // A policy section among the first five passages answers, or one whose heading is the question (or a place it names).
  const candidates = results
    .map((passage, rank) => ({ passage, rank }))
    .filter(({ passage, rank }) => isPolicyPassage(passage) && !META_SECTION.test(passage.sectionPath.at(-1) ?? '') && (rank < 5 || headingCovers(passage, question, words)));
  if (candidates.length === 0) return null;
  return answerFromPassages(question, words, candidates, rules);
}

/** Names and aliases of every indicator of a rubric. */
function rubricNames(rubric: Rubric): string[] {
  const walk = (nodes: readonly RubricIndicator[]): string[] => nodes.flatMap((n) => [n.name, ...(n.aliases ?? []), ...walk(n.children ?? [])]);
  return walk(rubric.indicators).map((n) => n.replace(/[“”"]/gu, ''));
}

/** Words that mark a question about the system: documents, stages, kinds of evaluation, grades, forms, publication. */
const POLICY_CUE =
  /中发|财预|〔\d{4}〕|\d+号文|预算法|管理办法|哪个文件|什么文件|依据|政策|规定|绩效运行监控|运行监控|绩效监控|双监控|事前绩效评估|事前评估|绩效目标|绩效指标|单位自评|部门评价|财政评价|重点评价|评价方式|几种方式|等级|优良中差|分数线|结果|公开|公示|自评表|偏差原因|项目支出|部门整体|区别|不同|共性指标|框架|权重|定性指标|定量指标|全过程|全覆盖|全方位|各地|外地|外省|湖南|四川|重庆|内蒙古|湖北|广东|岳阳|青神|达州|什么时候|何时|谁来|谁负责|多久|几天|哪几|哪些/u;
/** Words that can only be about the system, not about one report's figures. */
const SYSTEM_CUE =
  /中发|财预|〔\d{4}〕|\d+号文|预算法|管理办法|哪个文件|什么文件|单位自评|部门评价|财政评价|重点评价|评价方式|几种方式|绩效运行监控|运行监控|绩效监控|双监控|事前绩效评估|事前评估|绩效目标管理|优良中差|分数线|什么等级|哪个等级|结果应用|要不要公开|偏差原因|共性指标|各地|外地|外省|湖南|四川|重庆|内蒙古|湖北/u;
/** A question about the loaded report itself goes to the report answers. */
const ABOUT_MY_REPORT = /报告(?:里|中|上)|我们|我单位|本单位|我局|我的|这份|本报告/u;
/** Sections about the page's own sources answer nothing. */
const META_SECTION = /^来源与可信度$/u;
const INDICATOR_SCORING = /怎么算|如何算|计算|公式|扣分|扣几分|得分|分值|满分|计分|评分标准|打分/u;

function isPolicyPassage(c: Citation): boolean {
  return /(?:^|\/)guides\/制度\//u.test(c.source);
}

/** The passage's heading is (most of) the question, or a place the question names (“湖南”, “重庆”). */
function headingCovers(passage: Citation, question: string, words: readonly string[]): boolean {
  const heading = passage.sectionPath.at(-1) ?? '';
  if (heading.length >= 2 && question.includes(heading)) return true;
  const significant = words.filter((w) => w.length >= 2);
  return significant.length > 0 && significant.filter((w) => heading.includes(w)).length / significant.length >= 0.75;
}

interface Sentence {
  text: string;
  line: number | undefined;
  score: number;
  order: number;
}

const DOCUMENT_IN = /〔\d{4}〕\d+号|预算法/u;

/** The whole sentences of a passage, each with its line (chunks keep their line breaks) and how well it answers. */
function sentencesOf(c: Citation, question: string, words: readonly string[], bigrams: readonly string[], bonus: number, weight: (w: string) => number = () => 1): Sentence[] {
  const out: Sentence[] = [];
  let offset = 0;
  const asks = {
    definition: /什么是|是什么|什么意思|指什么|是指|含义|定义/u.test(question),
    formula: /怎么算|如何算|如何计算|怎么计算|公式/u.test(question),
    quantity: /多少|多久|几天|几个|几档|分数线|多长/u.test(question),
  };
  for (const raw of c.text.split(/(?<=[。！？])|\n/u)) {
    const start = c.text.indexOf(raw, offset);
    offset = start + raw.length;
    const text = raw.trim().replace(/^[-*]\s*/u, '');
    if (text.length < 6 || /本页|本项目用自己的话/u.test(text)) continue;
    const line = c.lineStart === undefined ? undefined : c.lineStart + (c.text.slice(0, Math.max(0, start)).match(/\n/gu)?.length ?? 0);
    const found = words.filter((w) => text.includes(w));
    const matched = found.filter((w) => !found.some((o) => o !== w && o.includes(w))); // 项目支出, not also 项目 and 支出
    // Distinct words count more than long ones; a statement that names its document, or opens with the asked term
    // (“单位自评是…”), is preferred over an aside or an example.
    const bare = text.replace(/^[《“「（(]+/u, '');
    const opens = matched.some((w) => w.length >= 2 && bare.startsWith(w));
    const defines = asks.definition && matched.some((w) => w.length >= 2 && new RegExp(`^${w}(?:是|指(?!标)|就是)`, 'u').test(bare));
    const lhs = text.includes('=') ? text.slice(0, text.indexOf('=')) : '';
    const formula = asks.formula && lhs.length > 0 && lhs.length <= 16 && matched.some((w) => lhs.includes(w)); // “执行率 = …”
    const fits = (formula ? 6 : 0) + (asks.quantity && /\d/u.test(text) ? 3 : 0);
    const shared = bigrams.filter((b) => text.includes(b)).length; // the question's own wording, beyond jieba's words
    const run = longestCommonRun(question, text); // “绩效评价分为” shared word for word beats two shared words
    const score = bonus + fits + matched.reduce((sum, w) => sum + 2 * weight(w), 0) + shared / 2 + (run >= 3 ? run / 2 : 0) + (DOCUMENT_IN.test(text) ? 2 : 0) + (opens ? 2 : 0) + (defines ? 5 : 0) - (/^(?:例|例如)/u.test(text) ? 2 : 0);
    out.push({ text, line, score, order: out.length });
  }
  return out;
}

/** Length of the longest run of characters the two texts share. */
function longestCommonRun(a: string, b: string): number {
  let best = 0;
  let previous = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    const current = new Array<number>(b.length + 1).fill(0);
    for (let j = 1; j <= b.length; j += 1) {
      if (a[i - 1] === b[j - 1] && /\p{Script=Han}/u.test(a[i - 1]!)) {
        current[j] = previous[j - 1]! + 1;
        if (current[j]! > best) best = current[j]!;
      }
    }
    previous = current;
  }
  return best;
}

/** A sentence that explains the one before it (an example, “这…”) is kept with it. */
const CONTINUES = /^(?:例如|例：|例|比如|这|即|按 ?\d|也就是)/u;

function answerFromPassages(question: string, words: readonly string[], candidates: readonly { passage: Citation; rank: number }[], rules: PolicyRules): Answer | null {
  // Every sentence of the candidate passages competes; a passage ranked lower pays a little, one whose heading the
  // question names gains. A page's opening paragraph only says what the page is.
  const pool = candidates
    .filter(({ passage }) => passage.sectionPath.length > 0)
    .slice(0, 8)
    .map(({ passage, rank }) => {
      const heading = passage.sectionPath.at(-1) ?? '';
      const bonus = words.filter((w) => w.length >= 2 && heading.includes(w)).length * 2 + (heading.length >= 2 && question.includes(heading) ? 4 : 0) - rank;
      return { passage, bonus };
    });
  // A word most candidate sentences share (部门整体, 支出) tells less than one few of them have (一级指标).
  const all = pool.flatMap(({ passage }) => sentencesOf(passage, question, words, [], 0).map((x) => x.text));
  const weight = (w: string) => Math.log(1 + all.length / Math.max(1, all.filter((t) => t.includes(w)).length));
  const scored = pool.map(({ passage, bonus }) => ({ passage, sentences: sentencesOf(passage, question, words, bigramsOf(question), bonus, weight) }));
  const best = scored
    .flatMap(({ passage, sentences }) => sentences.map((s) => ({ passage, sentences, s })))
    .sort((a, b) => b.s.score - a.s.score || a.s.order - b.s.order)[0];
  if (!best) return null;
  const { passage, sentences, s: top } = best;
  // A second sentence of the same passage that answers almost as well (“有哪些栏”), or one that explains the first.
  const runnerUp = sentences.filter((x) => x !== top).sort((a, b) => b.score - a.score)[0];
  const next = sentences[top.order + 1];
  const second = next && CONTINUES.test(next.text) ? next : runnerUp && runnerUp.score >= top.score * 0.85 ? runnerUp : undefined;
  const picked = [top, ...(second ? [second] : [])].sort((a, b) => a.order - b.order);
  const answer = emptyAnswer('', 'policy');
  const quote = picked.map((x) => x.text).join('');
  const line = picked[0]!.line;
  answer.citations.push({ source: passage.source, quote, ...(line !== undefined ? { line } : {}) });
  const documents = documentsCited(quote, rules);
  for (const d of documents) answer.quoted.push({ text: d, label: 'policy document' });
  // Short answers keep three lines (guard/short-answer.ts): the answering sentences, then the documents.
  const lines = picked.map((x) => x.text);
  lines.push(documents.length > 0 ? `依据：${documents.join('；')}。以上是本项目对文件的要点概括，不是原文。` : '依据：本项目整理的制度说明（要点概括，不是文件原文）。');
  lines.push(`详见 ${passage.source}${line === undefined ? '' : ` 第 ${line} 行`}。`);
  answer.text = lines.join('\n');
  return answer;
}

const DOCUMENT = /(?:中发|财预|湘办发|内财监|鄂财绩发)〔\d{4}〕\d+号(?:第[一二三四五六七八九十百]+条(?:（[一二三四五六七八九十]+）)?|附件\d)?|《预算法》第[一二三四五六七八九十百]+条/gu;

/** 「财政部《项目支出绩效评价管理办法》（财预〔2020〕10号第四条）」 for each document the sentences cite, in order. */
export function documentsCited(text: string, rules: PolicyRules = policyRules()): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of text.matchAll(DOCUMENT)) {
    const cited = m[0];
    if (seen.has(cited)) continue;
    seen.add(cited);
    const number = cited.startsWith('《预算法》') ? '预算法' : /^[^第附]+号/u.exec(cited)![0];
    const title = rules.documents.find((d) => d.number === number)?.title;
    if (!title) continue;
    const article = cited.slice(number === '预算法' ? '《预算法》'.length : number.length);
    out.push(number === '预算法' ? `${title}${article}` : `${title}（${number}${article}）`);
  }
  return out;
}
