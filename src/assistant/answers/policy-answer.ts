import type { Citation } from '../../model/index.js';
import { wordsOf } from '../understand/words.js';
import { emptyAnswer, type Answer, type AnswerContext } from './answer.js';
import { answerPolicyComputation } from './policy-computation.js';
import { policyRules, type PolicyRules } from './policy-rules.js';

/**
 * Questions about the performance-evaluation system rather than one report — “76分算什么等级”, “绩效运行监控一般什么
 * 时候做”, “自评报告要不要公开”, “执行率91%，这项10分，能得几分”. No report is needed. Numbers in the question are worked
 * out (policy-computation.ts); otherwise the answer leads with the whole sentence of knowledge/guides/制度/ that answers,
 * then the documents it cites (title + 文号 + article) and the guide's line. Null: not a policy question (the caller
 * answers it as before).
 */
export async function answerPolicy(context: Pick<AnswerContext, 'question' | 'knowledge' | 'scope' | 'report'>): Promise<Answer | null> {
  const question = context.question.trim();
  const rules = policyRules();
  const computed = answerPolicyComputation(question, rules);
  if (computed) return computed;
  if (!POLICY_CUE.test(question) || (context.report && ABOUT_MY_REPORT.test(question))) return null;
  if (!context.knowledge) return null;
  const { results } = await context.knowledge.search(question, { scope: context.scope, k: 8 });
  // A policy page must rank first, or within the first three when the question does not ask how an indicator scores.
  // Further down, a policy section whose heading is the question itself (“…自评报告要不要公开”) still answers it.
  const reach = INDICATOR_SCORING.test(question) ? 1 : 3;
  const words = wordsOf(question);
  const policy = results.filter((r, i) => isPolicyPassage(r) && (i < reach || (reach > 1 && headingCovers(r, words))));
  if (policy.length === 0) return null;
  return answerFromPassages(question, [...policy, ...results.slice(reach).filter(isPolicyPassage)], rules);
}

function headingCovers(passage: Citation, words: readonly string[]): boolean {
  const heading = passage.sectionPath.at(-1) ?? '';
  const significant = words.filter((w) => w.length >= 2);
  return significant.length > 0 && significant.filter((w) => heading.includes(w)).length / significant.length >= 0.75;
}

/** “预决算信息公开性怎么扣分”: about one indicator's score — the indicator answers keep it. */
const INDICATOR_SCORING = /怎么算|如何算|计算|公式|扣分|扣几分|得分|分值|满分|计分|评分标准|打分/u;

/** Words that mark a question about the system: documents, stages, kinds of evaluation, grades, forms, publication. */
const POLICY_CUE =
  /中发|财预|〔\d{4}〕|预算法|管理办法|哪个文件|什么文件|依据|政策|规定|绩效运行监控|运行监控|绩效监控|事前绩效评估|事前评估|绩效目标管理|绩效目标.{0,6}(?:怎么设|谁|什么时候|要求|批复|分类|分哪)|绩效指标.{0,4}(?:分|类)|单位自评|部门评价|财政评价|重点评价|评价方式|几种评价|等级|优良中差|分数线|结果.{0,4}(?:应用|运用|有什么用|怎么用)|公开|公示|自评表|偏差原因|项目支出|部门整体|区别|不同|共性指标|框架|权重|定性指标|定量指标|全过程|全覆盖|全方位|各地|外地|外省|湖南|四川|重庆|内蒙古|湖北|广东|什么时候|何时|谁来|谁负责|多久|几天/u;
/** A question about the loaded report itself goes to the report answers. */
const ABOUT_MY_REPORT = /报告(?:里|中|上)|我们|我单位|本单位|我局|我的|这份|本报告/u;

function isPolicyPassage(c: Citation): boolean {
  return /(?:^|\/)guides\/制度\//u.test(c.source);
}

interface Sentence {
  text: string;
  line: number | undefined;
  score: number;
  order: number;
}

/** The whole sentences of a passage, each with its line (chunks keep their line breaks). */
function sentencesOf(c: Citation, words: readonly string[]): Sentence[] {
  const out: Sentence[] = [];
  let offset = 0;
  const parts = c.text.split(/(?<=[。！？])|\n/u);
  for (const raw of parts) {
    const start = c.text.indexOf(raw, offset);
    offset = start + raw.length;
    const text = raw.trim().replace(/^[-*]\s*/u, '');
    if (text.length < 6) continue;
    const line = c.lineStart === undefined ? undefined : c.lineStart + (c.text.slice(0, Math.max(0, start)).match(/\n/gu)?.length ?? 0);
    const found = words.filter((w) => text.includes(w));
    const matched = found.filter((w) => !found.some((o) => o !== w && o.includes(w))); // 项目支出, not also 项目 and 支出
    // Distinct words count more than long ones; a statement that names its document is preferred over an aside.
    const score = matched.length * 2 + matched.reduce((s, w) => s + w.length / 2, 0) + (DOCUMENT_IN.test(text) ? 2 : 0) - (/^(?:例|例如)/u.test(text) ? 2 : 0);
    out.push({ text, line, score, order: out.length });
  }
  return out;
}

const DOCUMENT_IN = /〔\d{4}〕\d+号|预算法/u;

/** A sentence that explains the one before it (an example, “这…”) is kept with it. */
const CONTINUES = /^(?:例如|例：|例|比如|这|即|按 ?\d|也就是)/u;

function answerFromPassages(question: string, passages: readonly Citation[], rules: PolicyRules): Answer | null {
  const words = wordsOf(question);
  const answer = emptyAnswer('', 'policy');
  const lead: { passage: Citation; sentences: Sentence[] }[] = [];
  // A page's opening paragraph only says what the page is; its sections hold the statements.
  const sections = passages.filter((p) => p.sectionPath.length > 0);
  for (const passage of (sections.length > 0 ? sections : passages).slice(0, 1)) {
    const sentences = sentencesOf(passage, words).filter((s) => !/本页|本项目用自己的话/u.test(s.text));
    const best = [...sentences].sort((a, b) => b.score - a.score || a.order - b.order)[0];
    if (!best || (lead.length > 0 && best.score < lead[0]!.sentences[0]!.score * 0.8)) continue;
    const picked = [best];
    const next = sentences[best.order + 1];
    if (next && CONTINUES.test(next.text)) picked.push(next);
    lead.push({ passage, sentences: picked });
  }
  if (lead.length === 0) return null;
  // Short answers keep three lines (guard/short-answer.ts): the answering sentence, the documents, where it is explained.
  const [first, second] = lead;
  const quote = (l: (typeof lead)[number]) => l.sentences.map((s) => s.text).join('');
  for (const l of lead) {
    const line = l.sentences[0]!.line;
    answer.citations.push({ source: l.passage.source, quote: quote(l), ...(line !== undefined ? { line } : {}) });
  }
  const documents = documentsCited(lead.map(quote).join(''), rules);
  const lines = [quote(first!)];
  lines.push(documents.length > 0 ? `依据：${documents.join('；')}。以上是本项目对文件的要点概括，不是原文。` : '依据：本项目整理的制度说明（要点概括，不是文件原文）。');
  if (second) lines.push(`另见：${quote(second)}`);
  const guides = lead.map((l) => `${l.passage.source}${l.sentences[0]!.line === undefined ? '' : ` 第 ${l.sentences[0]!.line} 行`}`);
  lines.push(`详见 ${guides.join('、')}。`);
  for (const d of documents) answer.quoted.push({ text: d, label: 'policy document' });
  answer.text = lines.join('\n');
  answer.memo.items = [];
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
