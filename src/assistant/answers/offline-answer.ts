import { draftSection } from '../../drafting/draft-section.js';
import type { SectionKind } from '../../drafting/section-kinds.js';
import type { Intent } from '../intents.js';
import { DRAFT_STORE_DOWN, lookUpPreviousYear, quotedOf, RECTIFICATION_STORE_DOWN } from '../previous-year-lookup.js';
import { emptyAnswer, NO_REPORT_TEXT, type Answer, type AnswerContext } from './answer.js';
import { answerCheck, answerFinding } from './check-summary.js';
import { answerCompare } from './compare-last-year.js';
import { answerHelp } from './help.js';
import { answerLostPoints } from './lost-points.js';
import { answerRule } from './rule-question.js';
import { answerTarget } from './target-score.js';
import { answerTotal } from './total-score.js';

/**
 * A section drafted from templates, as an answer. Sections that use last year's report (上年问题整改情况, 自评结论,
 * 部门整体收支情况) find it in the knowledge base as `selfeval draft` does; its passages are cited.
 */
export async function answerDraft(context: AnswerContext, section: SectionKind, shorter: boolean): Promise<Answer> {
  const report = context.report;
  if (!report) return emptyAnswer(NO_REPORT_TEXT, 'draft');
  const lookup = await lookUpPreviousYear(context.knowledge, context.scope, section, report.report);
  const memo = { intent: 'draft', items: [], section, shorter };
  if (lookup.failed && section === '上年问题整改情况') return { ...emptyAnswer(RECTIFICATION_STORE_DOWN, 'draft'), memo };
  const previousYear = lookup.previousYear;
  const draft = draftSection(section, previousYear ? { ...report, previousYear } : report, { shorter });
  const lead = lookup.failed ? `${DRAFT_STORE_DOWN}\n\n` : '';
  const answer = emptyAnswer(`${lead}“${section}”草稿${shorter ? '（精简版）' : ''}：\n\n${draft.text}`, 'draft');
  const quoted = quotedOf(draft);
  answer.citations.push(...quoted.citations);
  answer.quoted.push(...quoted.places);
  answer.computations.push(...draft.computations);
  answer.draft = { section, text: draft.text };
  answer.draftSource = { lead, ...(previousYear ? { previousYear } : {}) };
  answer.memo = memo;
  return answer;
}

const CHINESE: Record<number, string> = { 1: '一', 2: '二', 3: '三', 4: '四', 5: '五', 6: '六', 7: '七', 8: '八', 9: '九', 10: '十', 11: '十一', 12: '十二' };

/** A follow-up on the n-th item of the previous answer ("那第二个呢"). */
async function answerItem(context: AnswerContext, ordinal: number): Promise<Answer> {
  const previous = context.previous;
  const item = previous?.items[ordinal - 1];
  if (!previous || !item) {
    if (!previous || previous.items.length === 0) {
      return emptyAnswer('不确定你指的是哪一项。可以先问“哪些指标扣分了”或输入 /check，再问“第二个呢”。', 'follow-up');
    }
    // Counts are written as words and names, not digits the guard would have to trace ("只讲了“政府采购执行率”这一项").
    const listed = previous.items.filter((i) => !i.startsWith('finding:'));
    const answer = emptyAnswer(
      listed.length > 0 && listed.length <= 3
        ? `上一轮只讲了${listed.map((i) => `“${i}”`).join('、')}${listed.length === 1 ? '这一项' : `这${CHINESE[listed.length]}项`}，没有第${CHINESE[ordinal] ?? '这'}项。想问别的指标，直接说名称就行，例如“结转结余率怎么算”。`
        : `上一轮一共列了${CHINESE[previous.items.length] ?? '几'}项，没有第${CHINESE[ordinal] ?? '这'}项。`,
      'follow-up',
    );
    answer.memo = { ...previous };
    return answer;
  }
  if (item.startsWith('finding:')) return answerFinding(context, item);
  if (previous.intent === 'lost-points' || previous.intent === 'scores' || previous.intent === 'what-it-takes') return answerLostPoints(context, item);
  if (previous.intent === 'target') return answerTarget(context, item);
  return answerRule(context, item);
}

/** Compose the offline answer for a recognised intent. */
export async function answerOffline(intent: Intent, context: AnswerContext): Promise<Answer> {
  switch (intent.kind) {
    case 'help':
      return answerHelp();
    case 'reset':
      return emptyAnswer('已清空本对话的记忆和已加载的报告。', 'reset');
    case 'lost-points':
      return answerLostPoints(context, intent.indicator);
    case 'target':
      return answerTarget(context, intent.indicator);
    case 'total':
      return answerTotal(context);
    case 'check':
      return answerCheck(context);
    case 'draft':
      return answerDraft(context, intent.section, intent.shorter);
    case 'compare-last-year':
      return answerCompare(context, intent.indicator);
    case 'follow-up-item':
      return answerItem(context, intent.ordinal);
    case 'shorter': {
      const section = context.previous?.section as SectionKind | undefined;
      if (context.previous?.intent === 'draft' && section) return answerDraft(context, section, true);
      return emptyAnswer('要把哪一部分写短？例如“存在问题再写短一点”。', 'shorter');
    }
    case 'rule':
      return answerRule(context);
  }
}
