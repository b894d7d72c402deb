import type { Citation } from '../../model/index.js';
import { resolveIndicator, indicatorInText } from '../indicator-lookup.js';
import { recomputedRate, ASK_FOR_LOCAL_RULES } from './lost-points.js';
import { emptyAnswer, toQuoted, type Answer, type AnswerContext } from './answer.js';
import { excerpt, guidePassages, isRuleUnknown, rubricQuote, rubricSource, sectionsFor } from './rubric-quote.js';
import { firstTime, LOCAL_RULES_NOTICE } from './notices.js';
import { wordsOf } from '../understand/words.js';
import type { RubricIndicator } from '../../model/index.js';
import { generalQuote, ruleText } from './general-text.js';

/**
 * The part of an indicator's definition a question asks about when the question names something the formula does not
 * cover ("三公经费怎么算" under 经济性, whose formula is the 公用经费 one): that clause of the definition, else null.
 */
function askedPart(question: string, indicator: RubricIndicator): string | null {
  const formula = indicator.formula?.expression ?? '';
  const words = wordsOf(question).filter((w) => w.length >= 2 && !indicator.name.includes(w) && !formula.includes(w) && indicator.definition.includes(w));
  if (words.length === 0) return null;
  const clauses = indicator.definition.split(/[、，,；;。]/u).filter((c) => words.some((w) => c.includes(w)));
  return clauses.length > 0 ? clauses.join('，') : null;
}

/** Words of a question that decide which sentences of a passage to quote. */
function focusWords(question: string): string[] {
  const words: string[] = [];
  if (/怎么算|如何计算|公式|计算/u.test(question)) words.push('公式', '=', '÷');
  if (/扣|失分|丢分|满分|计分|得分/u.test(question)) words.push('扣', '失分', '得分', '满分', '计分');
  if (/写|证据|材料/u.test(question)) words.push('写明', '证据');
  return words.length > 0 ? words : ['是', '指'];
}

function quoteAll(answer: Answer, results: readonly Citation[], words: readonly string[], context: AnswerContext): string[] {
  return results.map((r) => {
    const quoted = generalQuote(toQuoted({ ...r, text: excerpt(r.text, words, 220) }), context.report?.report);
    answer.citations.push(quoted);
    return `- ${r.title}（${r.source}${quoted.line === undefined ? '' : ` 第 ${quoted.line} 行`}）：${quoted.quote}`;
  });
}

/** "结转结余率怎么算" / "三公经费超了怎么扣分" / anything else: from the rubric and the knowledge base, with citations. */
export async function answerRule(context: AnswerContext, indicatorHint?: string | null): Promise<Answer> {
  const answer = emptyAnswer('', 'rule');
  const words = focusWords(context.question);
  const name = indicatorHint ?? indicatorInText(context.question, context.rubric, context.report);
  const lines: string[] = [];
  if (name) {
    const resolved = resolveIndicator(name, context.rubric, context.report);
    if (resolved.rubric) {
      const r = resolved.rubric;
      answer.citations.push(generalQuote(rubricQuote(context.rubric, r), context.report?.report));
      lines.push(`**${r.name}**（分值 ${r.weight} 分）：${r.definition}`);
      const part = askedPart(context.question, r);
      if (part) {
        answer.quoted.push({ text: r.definition, label: 'rubric definition' });
        lines.push(`- 你问的这一项：${part}。评分细则的计算公式（${r.formula?.expression ?? '无'}）算的是另一项，不适用于它。`);
      } else if (r.formula) lines.push(`- 计算公式：${r.formula.expression}`);
      if (r.rule) {
        lines.push(`- 计分规则：${ruleText(r.rule, context.report?.report)}`);
        if (isRuleUnknown(r)) {
          lines.push(
            firstTime(context, answer, LOCAL_RULES_NOTICE)
              ? `- 当地的计分办法没有找到，上面只是已知的做法，不能当作本地规则。${ASK_FOR_LOCAL_RULES}`
              : '- 当地的计分办法没有找到，上面只是已知的做法。',
          );
        }
      }
      if (resolved.node && context.report) {
        const n = resolved.node;
        lines.push(`- 你的报告（第 ${n.line} 行）：${n.assessed ? `分值 ${n.weight ?? '未写'} 分，自评 ${n.score ?? '未写'} 分` : '本项不考核'}。`);
        const rate = recomputedRate(context.report, n);
        if (rate) {
          answer.computations.push(...rate.computations);
          lines.push(`- 按公式复算：${rate.text}`);
        }
      }
      answer.memo.items = [r.name];
    }
    const bonus = context.rubric.bonus;
    if (!resolved.rubric && /加减分/u.test(resolved.name) && bonus) {
      const text = `加减分项：${bonus.description}${bonus.max === null ? '' : `（上限 ${bonus.max} 分）`}`;
      answer.citations.push({ source: rubricSource(context.rubric), quote: text });
      lines.push(`**${text.replace('：', '**：')}`);
      const stated = context.report?.report.bonus;
      if (stated) lines.push(`- 你的报告（第 ${stated.line} 行）：加减分 ${stated.score} 分。`);
    }
    const guides = await guidePassages(context, resolved.name, context.question, 2, sectionsFor(context.question));
    if (guides.length > 0) lines.push('知识库中的说明：', ...quoteAll(answer, guides, words, context));
  }
  if (lines.length === 0) {
    const found = context.knowledge ? (await context.knowledge.search(context.question, { scope: context.scope, k: 3 })).results : [];
    if (found.length === 0) {
      answer.text = context.knowledge
        ? '知识库里没有找到与这个问题相关的内容。可以换个说法，或问具体指标，例如“政府采购执行率怎么算”。输入 /help 查看我能回答的问题。'
        : '现在没有可用的知识库，只能回答与已加载报告有关的问题（扣分、总分、检查、起草）。输入 /help 查看用法。';
      return answer;
    }
    lines.push('离线模式下我不做归纳，以下是知识库中与问题最相关的内容：', ...quoteAll(answer, found, words, context));
  }
  answer.text = lines.join('\n');
  return answer;
}
