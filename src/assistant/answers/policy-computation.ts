import { dec, format, plain } from '../../model/decimal.js';
import type { Computation } from '../../model/computation.js';
import { emptyAnswer, type Answer } from './answer.js';
import { mentionsIn, type Mention } from './policy-mentions.js';
import { guideLine, policyRules, sourceText, type LocalRule, type PolicyRate, type PolicyRules, type PolicySource } from './policy-rules.js';

/**
 * Questions that give their own numbers, answered by applying a national rule to them, in decimals, with the working
 * and the rule's document: “执行率91%，这项10分，能得几分” → 10 × 91% = 9.1 分 (财预〔2020〕10号);
 * “76分算什么等级” → 中; “今年三公预算12万，去年15万，变动率多少” → −20.00% (财预〔2013〕53号);
 * “在职20人，编制18人” → 111.11%. Null when the question gives no numbers to work with.
 */
export function answerPolicyComputation(question: string, rules: PolicyRules = policyRules()): Answer | null {
  const mentions = mentionsIn(question);
  if (mentions.length === 0) return null;
  return grade(question, mentions, rules) ?? qualitative(question, mentions, rules) ?? rate(question, mentions, rules) ?? proportional(question, mentions, rules);
}

const ASKS_SCORE = /能得|得几分|得多少|多少分|几分|怎么打分|给几分|打几分|扣几分|扣多少|得分(?:是|为)?多少|算分|计分/u;
const ASKS_GRADE = /等级|档次|哪一档|哪个档|几档|评级|(?:算|是|属于|评为|还是)(?:优|良|中|差)|什么水平|优良中差|优秀吗|及格/u;

const pct = (m: Mention) => m.unit === '%';
const points = (m: Mention) => m.unit === '分';
const money = (m: Mention) => m.unit === '万元' || m.unit === '元' || m.unit === '亿元';

/** Rule sentence + its document as a citation, and the guide that explains it (with its line). */
function cite(answer: Answer, rules: PolicyRules, source: PolicySource, quote: string, guidePhrase: string): string {
  const where = sourceText(rules, source);
  answer.citations.push({ source: where, quote });
  const line = guideLine(source.guide, guidePhrase);
  answer.citations.push({ source: `knowledge/${source.guide}`, quote, ...(line !== undefined ? { line } : {}) });
  answer.quoted.push({ text: quote, label: where }, { text: where, label: 'policy document' });
  return where;
}

function computation(expression: string, exact: string, unit: string, shown: string): Computation {
  return { expression, result: exact, unit, shown };
}

/** “76分算什么等级” */
function grade(question: string, mentions: Mention[], rules: PolicyRules): Answer | null {
  if (!ASKS_GRADE.test(question)) return null;
  const scores = mentions.filter(points);
  if (scores.length !== 1 || mentions.some(pct)) return null;
  const score = dec(scores[0]!.value);
  const g = rules.gradeBands;
  const band = g.bands.find((b) => (b.min === null || score.gte(b.min)) && (b.max === null || score.lt(b.max)));
  if (!band) return null;
  const answer = emptyAnswer('', 'policy');
  const bandText = g.bands.map((b) => (b.min === null ? `${b.max} 分以下为${b.grade}` : b.max === null ? `${b.min} 分（含）以上为${b.grade}` : `${b.min} 分（含）至 ${b.max} 分为${b.grade}`)).join('，');
  const where = cite(answer, rules, g.source, `绩效评价结果分四档：${bandText}。`, '多少分算什么等级');
  answer.quoted.push({ text: g.caveat, label: 'knowledge/policy/scoring-rules.yaml' });
  const range = band.min === null ? `低于 ${band.max} 分` : band.max === null ? `不低于 ${band.min} 分` : `在 ${band.min} 分（含）至 ${band.max} 分之间`;
  answer.text = [
    `**${plain(score)} 分为“${band.grade}”**：${plain(score)} 分${range}。`,
    `依据：${where}——${bandText}；适用于${g.scope}。`,
    `注意：${g.caveat}`,
  ].join('\n');
  answer.memo.items = [band.grade];
  return answer;
}

/** “定性指标部分达成，5分能给几分” */
function qualitative(question: string, mentions: Mention[], rules: PolicyRules): Answer | null {
  const q = rules.qualitative;
  const level = [...q.levels].sort((a, b) => b.level.length - a.level.length).find((l) => question.includes(l.level))
    ?? (/部分达成|部分完成/u.test(question) ? q.levels[1] : /未达成|没达成|未完成|没完成/u.test(question) ? q.levels[2] : /定性/u.test(question) && /达成|完成/u.test(question) ? q.levels[0] : undefined);
  const weights = mentions.filter(points);
  if (!level || weights.length !== 1 || mentions.some(pct)) return null;
  const weight = dec(weights[0]!.value);
  const low = weight.times(level.from).div(100);
  const high = weight.times(level.to).div(100);
  const answer = emptyAnswer('', 'policy');
  answer.computations.push(
    computation(`${plain(weight)} × ${level.from}% = ${format(low, 2)}`, low.toFixed(), '分', plain(low)),
    computation(`${plain(weight)} × ${level.to}% = ${format(high, 2)}`, high.toFixed(), '分', plain(high)),
  );
  const rule = q.levels.map((l) => `${l.level}：${l.note}`).join('；');
  const where = cite(answer, rules, q.source, `定性指标分三档打分——${rule}。`, '定性指标按完成情况分三档');
  const upper = level.to === 100 ? `${plain(high)} 分（含）` : `${plain(high)} 分（不含）`;
  answer.text = [
    `**${plain(low)}—${plain(high)} 分**：“${level.level}”在分值的 ${level.from}%—${level.to}% 之间打分，${plain(weight)} × ${level.from}% = ${plain(low)} 分（含），${plain(weight)} × ${level.to}% = ${upper}。`,
    `依据：${where}——${rule}。`,
    '具体打几分，由评价人在这个区间内结合完成情况确定；本地评分细则另有规定的，以本地为准。',
  ].join('\n');
  return answer;
}

/** The rate a question names, or the one its words point to (在职 + 编制, 三公 + 去年 …). */
function rateOf(question: string, rules: PolicyRules): PolicyRate | null {
  const text = question.replace(/[“”"]/gu, '');
  const named = rules.rates
    .flatMap((r) => r.names.map((n) => ({ r, n: n.replace(/[“”"]/gu, '') })))
    .filter(({ n }) => text.includes(n))
    .sort((a, b) => b.n.length - a.n.length);
  // “执行率”“支出率” alone are generic: “政府采购预算…实际采购…执行率” is the 政府采购执行率.
  const specific = named.find(({ n }) => !GENERIC_NAMES.has(n));
  if (specific) return specific.r;
  const inferred = inferredRate(text, rules);
  return inferred ?? named[0]?.r ?? null;
}

const GENERIC_NAMES = new Set(['执行率', '支出率', '控制率', '结余率']);

function inferredRate(text: string, rules: PolicyRules): PolicyRate | null {
  const byId = (id: string) => rules.rates.find((r) => r.id === id) ?? null;
  if (/三公/u.test(text) && /(上年|去年|上一年)/u.test(text) && /(变动|变化|增长|增加|下降|减少|涨|降)/u.test(text)) return byId('三公经费变动率');
  if (/三公/u.test(text) && /预算/u.test(text)) return byId('三公经费控制率');
  if (/编制/u.test(text) && /(在职|实有|在编|现有)/u.test(text)) return byId('在职人员控制率');
  if (/采购/u.test(text) && /预算/u.test(text)) return byId('政府采购执行率');
  if (/公用经费/u.test(text) && /预算/u.test(text)) return byId('公用经费控制率');
  return null;
}

const matches = (label: string, words: readonly string[] | undefined) => (words ?? []).some((w) => label.includes(w));

/** “今年三公预算12万，去年15万” / “在职20人，编制18人”: the figure for each side of the formula. */
function operands(rate: PolicyRate, figures: Mention[]): [Mention, Mention] | null {
  if (figures.length !== 2) return null;
  const [a, b] = figures as [Mention, Mention];
  const first = rate.kind === 'change' ? rate.current : rate.numerator;
  const second = rate.kind === 'change' ? rate.previous : rate.denominator;
  if (matches(a.label, second) && !matches(a.label, first)) return [b, a];
  if (matches(b.label, first) && !matches(b.label, second)) return [b, a];
  if (matches(a.label, first) || matches(b.label, second)) return [a, b];
  return null;
}

/** Published local rules for a rate: the lines that state them (quoted for the guard) and, for a rule of the question's weight, the score. */
function localScore(answer: Answer, rate: PolicyRate, value: string, weight: Mention | undefined): { lead: string | null; rules: string[] } {
  const locals = rate.local ?? [];
  const unit = rate.kind === 'change' ? '' : '%';
  const rules = locals.map((r) => `${r.where}：${r.weight} 分制，不超过 ${r.limit}${unit} 得满分，每超 1 个百分点扣 ${r.perPoint} 分，扣完为止`);
  for (const text of rules) answer.quoted.push({ text, label: 'knowledge/policy/scoring-rules.yaml' });
  const rule: LocalRule | undefined = weight ? locals.find((r) => dec(r.weight).eq(dec(weight.value))) : undefined;
  if (!rule) return { lead: null, rules };
  const over = dec(value).minus(rule.limit);
  if (over.lte(0)) return { lead: `按${rule.where}（${rule.weight} 分制）：${plain(value)}% 不超过 ${rule.limit}${unit}，得满分 ${plain(rule.weight)} 分。`, rules };
  answer.computations.push(computation(`${plain(value)}${unit} − ${plain(rule.limit)}${unit} = ${plain(over)}`, over.toFixed(), '个百分点', plain(over)));
  const score = dec(rule.weight).minus(over.times(rule.perPoint));
  const shown = score.lt(0) ? '0' : plain(score);
  const expression = `${plain(rule.weight)} − ${plain(over)} × ${plain(rule.perPoint)} = ${plain(score)}`;
  answer.computations.push(computation(expression, (score.lt(0) ? dec(0) : score).toFixed(), '分', shown));
  return { lead: `**${shown} 分**（按${rule.where}）：超出 ${plain(over)} 个百分点，${expression}${score.lt(0) ? '，扣完为止，得 0' : ''} 分。`, rules };
}

/** “在职20人，编制18人，控制率多少” / “三公经费本年预算12万，上年15万，变动率” / “在职人员控制率110%，5分能得几分” */
function rate(question: string, mentions: Mention[], rules: PolicyRules): Answer | null {
  const found = rateOf(question, rules);
  if (!found) return null;
  const figures = mentions.filter((m) => money(m) || m.unit === '人' || (m.unit === '' && !points(m)));
  const weight = mentions.find(points);
  const pair = operands(found, figures);
  const stated = mentions.find(pct);
  // A rate stated without a weight to score (“结余率写0%有问题吗”) is not a computation: other answers take it.
  if (!pair && !(stated && weight && ASKS_SCORE.test(question))) return null;
  if (!pair && found.id === '预算执行率') return null; // a stated 执行率 and a weight: proportional() leads with the score
  const answer = emptyAnswer('', 'policy');
  const where = cite(answer, rules, found.source, `${found.id} = ${found.expression}`, `## ${found.id}`);
  const formula = `公式：${found.id} = ${found.expression}（${where}）。`;
  let value: string;
  let result: string;
  if (pair) {
    const [x, y] = pair;
    if (dec(y.value).isZero()) return null;
    const exact = found.kind === 'change' ? dec(x.value).minus(y.value).div(y.value).times(100) : dec(x.value).div(y.value).times(100);
    const shown = `${format(exact, 2)}%`;
    const expression = found.kind === 'change' ? `（${x.value} − ${y.value}）÷ ${y.value} × 100% = ${shown}` : `${x.value} ÷ ${y.value} × 100% = ${shown}`;
    answer.computations.push(computation(expression, exact.toFixed(), '%', shown));
    value = format(exact, 2);
    const verdict = found.id === '在职人员控制率' ? (exact.gt(100) ? '，超过 100%，在职人数超过编制（超编）' : '，不超过 100%，没有超编') : '';
    result = `**${found.id} ${shown}**：${expression}${verdict}。`;
  } else {
    value = stated!.value;
    result = `${found.id} ${plain(value)}%。`;
  }
  const notes: string[] = [];
  if (pair && found.kind === 'change' && found.basis && /决算|实际/u.test(question) && !/预算/u.test(question)) {
    // The numbers given are 决算数: their change is the year-on-year change of the final accounts, not this indicator.
    result = result.replace(`**${found.id} `, '**决算同比增减 ');
    notes.push(`注意：${found.id}按${found.basis}计算（${where}）；用决算数算出的是决算同比增减，不是这个指标。`);
  }
  const scoring = weight !== undefined && ASKS_SCORE.test(question);
  const local = scoring || (found.local && ASKS_SCORE.test(question)) ? localScore(answer, found, value, weight) : { lead: null, rules: [] };
  const lines: string[] = [];
  if (local.lead) {
    lines.push(local.lead, `${pair ? result.replace(/\*\*/gu, '') + ' ' : ''}${formula}财预〔2013〕53号不规定分值和扣分办法，上面是外地规则，不是广东的规定；请以本地评分细则为准。`);
    if (local.rules.length > 1) lines.push(`其他公开做法：${local.rules.filter((r) => !local.lead!.includes(r.split('：')[0]!)).join('；')}。`);
  } else if (scoring && found.id === '预算执行率') {
    const [score, basis] = proportionalLines(answer, rules, weight!, value);
    lines.push(score!, `${result.replace(/\*\*/gu, '')} ${formula}`, basis!);
  } else {
    lines.push(result, formula, ...notes);
    if (scoring && found.local && found.local.length > 0) {
      lines.push(`计分：没有全国统一的计分标准；公开的外地做法有 ${local.rules.join('；')}。你的分值是 ${plain(weight!.value)} 分，与这些规则的分值不同，不能直接套用，请以本地评分细则为准。`);
    } else if (scoring || (!pair && ASKS_SCORE.test(question))) {
      lines.push(found.local?.length ? `计分：没有全国统一的计分标准；公开的外地做法有 ${local.rules.join('；')}。` : `计分：财预〔2013〕53号只给公式，不规定分值和计分办法；${found.id}怎么计分请以本地评分细则为准。`);
    }
  }
  answer.text = lines.join('\n');
  answer.memo.items = [found.id];
  return answer;
}

function proportionalLines(answer: Answer, rules: PolicyRules, weight: Mention, ratePercent: string): string[] {
  const p = rules.proportional;
  const w = dec(weight.value);
  const exact = w.times(ratePercent).div(100);
  const capped = exact.gt(w) ? w : exact;
  const shown = plain(capped.toDecimalPlaces(2));
  answer.computations.push(computation(`${plain(w)} × ${plain(ratePercent)}% = ${plain(exact.toDecimalPlaces(2))}`, exact.toFixed(), '分', plain(exact.toDecimalPlaces(2))));
  if (exact.gt(w)) answer.computations.push(computation(`min(${plain(exact.toDecimalPlaces(2))}, ${plain(w)}) = ${shown}`, capped.toFixed(), '分', shown));
  const where = cite(answer, rules, p.source, p.rule, '定量指标：完成指标值的');
  answer.quoted.push({ text: p.caveat, label: 'knowledge/policy/scoring-rules.yaml' });
  return [
    `**${shown} 分**：${plain(w)} × ${plain(ratePercent)}% = ${exact.gt(w) ? `${plain(exact.toDecimalPlaces(2))}，超过分值，按满分 ${plain(w)}` : shown} 分。`,
    `依据：${where}——${p.rule}`,
    `注意：${p.caveat}`,
  ];
}

/** “执行率91%，这项10分，能得几分” */
function proportional(question: string, mentions: Mention[], rules: PolicyRules): Answer | null {
  if (!ASKS_SCORE.test(question)) return null;
  const rates = mentions.filter(pct);
  const weights = mentions.filter(points);
  if (rates.length !== 1 || weights.length !== 1) return null;
  const answer = emptyAnswer('', 'policy');
  answer.text = proportionalLines(answer, rules, weights[0]!, rates[0]!.value).join('\n');
  return answer;
}

const ASKS_FORMULA = /怎么算|如何算|如何计算|怎么计算|公式|口径|还是|是什么|什么意思|含义|定义|分母|分子/u;

/**
 * “三公经费变动率用预算数还是决算数” with no numbers: the rate's formula from its document, its basis, and the
 * published local deduction rules — for a rate the loaded rubric does not define itself (`inRubric`), whose own
 * answer (weights, the report's figures) stays with the rule answers.
 */
export function answerRateRule(question: string, rules: PolicyRules, inRubric: (names: readonly string[]) => boolean): Answer | null {
  if (!ASKS_FORMULA.test(question)) return null;
  const text = question.replace(/[“”"]/gu, '');
  const rate = rules.rates.find((r) => r.names.some((n) => !GENERIC_NAMES.has(n.replace(/[“”"]/gu, '')) && text.includes(n.replace(/[“”"]/gu, ''))));
  if (!rate || inRubric([rate.id, ...rate.names])) return null;
  const answer = emptyAnswer('', 'policy');
  const where = cite(answer, rules, rate.source, `${rate.id} = ${rate.expression}`, `## ${rate.id}`);
  const lines = [`**${rate.id} = ${rate.expression}**（${where}）。`];
  if (rate.basis) lines.push(`${rate.id}用的是${rate.basis}（${where}），不是决算数；用决算数算出的是决算同比增减。`);
  const local = localScore(answer, rate, '0', undefined).rules;
  lines.push(local.length > 0 ? `计分：没有全国统一的计分标准；公开的外地做法有 ${local.join('；')}。` : `计分：${where}只给公式，不规定分值和计分办法，请以本地评分细则为准。`);
  answer.text = lines.join('\n');
  answer.memo.items = [rate.id];
  return answer;
}

