import { subjectFor, type UnderstoodQuestion, type QueryPart } from '../understand/understand-question.js';
import { emptyAnswer, NO_REPORT_TEXT, type Answer, type AnswerContext } from './answer.js';
import { lookupText } from './figure-lookup.js';
import { computationText } from './figure-computation.js';
import { scoresText } from './block-scores.js';
import { findingsText } from './findings-topic.js';
import { whatItTakesText } from './what-it-takes.js';
import { sectionReviewText } from './section-review.js';
import { answerRule } from './rule-question.js';

const INTENT: Record<QueryPart['kind'], string> = {
  lookup: 'lookup',
  compute: 'computation',
  scores: 'scores',
  findings: 'findings',
  'what-it-takes': 'what-it-takes',
  'section-review': 'section-review',
  rule: 'rule',
};

/**
 * Answer what an understood question asks of the report, part by part (figures, computations, scores, findings, what it
 * takes, a section review); a rule part goes to the rubric and knowledge base. Reading the report goes through
 * report/query and the checks; this file only composes.
 */
export async function answerReportQuery(context: AnswerContext, understood: UnderstoodQuestion): Promise<Answer> {
  const report = context.report;
  const first = understood.parts[0]!;
  const answer = emptyAnswer('', INTENT[first.kind]);
  if (!report) {
    answer.text = NO_REPORT_TEXT;
    return answer;
  }
  const blocks: string[][] = [];
  for (const part of understood.parts) {
    switch (part.kind) {
      case 'lookup':
        blocks.push(lookupText(report, part.subjects, part.indicator, answer));
        break;
      case 'compute': {
        const lines = computationText(report, part, answer);
        blocks.push(lines.length > 0 ? lines : lookupText(report, part.operands, null, answer));
        break;
      }
      case 'scores':
        blocks.push(scoresText(report, part.nodes, part.notFull, answer));
        break;
      case 'findings': {
        const before = answer.findings.length;
        const lines = findingsText(report, part, answer);
        // Nothing found by the checks: show what the report says about the topic, so the user can judge.
        if (answer.findings.length === before && part.topic.length >= 2) {
          const said = subjectFor(report.report, part.topic);
          if (said.matches.length > 0) lines.push('报告里相关的写法：', ...lookupText(report, [said], null, answer));
        }
        blocks.push(lines);
        break;
      }
      case 'what-it-takes':
        blocks.push(whatItTakesText(context, report, answer));
        break;
      case 'section-review':
        blocks.push(sectionReviewText(report, part.section, answer));
        break;
      case 'rule': {
        const rule = await answerRule({ ...context, question: part.text });
        answer.citations.push(...rule.citations);
        answer.computations.push(...rule.computations);
        answer.quoted.push(...rule.quoted);
        answer.findings.push(...rule.findings.filter((f) => !answer.findings.includes(f)));
        answer.memo.notices = [...new Set([...(answer.memo.notices ?? []), ...(rule.memo.notices ?? [])])];
        blocks.push([`关于规则（${part.clause}）：`, rule.text]);
        break;
      }
    }
  }
  if (understood.topic) answer.memo.topic = understood.topic;
  answer.text = blocks.map((b) => b.join('\n')).join('\n\n');
  return answer;
}
