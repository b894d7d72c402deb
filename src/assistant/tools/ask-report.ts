import { tool } from 'langchain';
import { z } from 'zod';
import { understandQuestion } from '../understand/understand-question.js';
import { vocabularyOf } from '../understand/report-vocabulary.js';
import { askedAspect, askedPeriod, bestMatches, searchFigures } from '../understand/figure-search.js';
import { answerReportQuery } from '../answers/understood-answer.js';
import { sourceTitles, withSourceNames } from '../answers/rubric-quote.js';
import { toolJson, type ToolState } from './tool-state.js';

/**
 * ask_report: the offline question understanding as a tool. The model passes a question about the loaded report
 * (figures, shares and differences, scores of a block, problems of a topic, what full marks need, whether a section
 * says enough) and gets the deterministic answer with its lines; its computations count as this turn's.
 */
export function askReportTool(state: ToolState) {
  return tool(
    async ({ question }) => {
      const report = state.context.report;
      if (!report) return toolJson({ error: '没有加载报告' });
      const understood = understandQuestion(question, report.report, { previousTopic: state.context.previous?.topic ?? null });
      if (!understood) return toolJson({ understood: false, hint: '这个问题不是关于报告里的数字、得分或章节；规则问题请用 search_knowledge，单个指标请用 lookup_indicator。' });
      const answer = await answerReportQuery({ ...state.context, question }, understood);
      const text = withSourceNames(answer.text, state.context.rubric);
      state.computations.push(...answer.computations);
      state.citations.push(...answer.citations);
      state.findings.push(...answer.findings.filter((f) => !state.findings.includes(f)));
      state.texts.push(...answer.quoted, { text: sourceTitles(state.context.rubric), label: 'rubric sources' });
      return toolJson({
        understood: true,
        kinds: understood.parts.map((p) => p.kind),
        answer: text,
        computations: answer.computations.map((c) => ({ expression: c.expression, result: c.shown })),
      });
    },
    {
      name: 'ask_report',
      description:
        '按报告本身回答问题：查数字（三公经费、收入、支出、编制、村居数量……，区分预算数/决算数、本年/上年）、按要求计算（占比、比上年增减、超预算多少、合计）、某一块得了多少分、哪些指标没满分、某处写法有没有问题（来自检查结果）、怎样才能拿满分、存在问题/相关建议写得够不够。返回带行号的答案和本轮计算。',
      schema: z.object({ question: z.string().min(1).describe('用户关于报告内容的问题，原话即可，例如“基本支出占总支出的比例是多少”') }),
    },
  );
}

/** find_figures: the report's figures that fit a subject, with ids for compute and the sentence they stand in. */
export function findFiguresTool(state: ToolState) {
  return tool(
    async ({ subject }) => {
      const report = state.context.report;
      if (!report) return toolJson({ error: '没有加载报告' });
      const period = askedPeriod(subject, report.report.year);
      const matches = bestMatches(searchFigures(vocabularyOf(report.report), { text: subject, aspect: askedAspect(subject), period }), 0.5, 8);
      return toolJson({
        figures: matches.map((m) => ({
          id: m.entry.figure.id,
          what: m.entry.topic,
          value: m.entry.figure.value,
          unit: m.entry.figure.unit,
          line: m.entry.figure.line,
          aspect: m.entry.aspect,
          period: m.entry.period,
          sentence: m.entry.sentence,
          matchedWords: m.matched,
        })),
      });
    },
    {
      name: 'find_figures',
      description: '按“是什么”在报告中找数字（如“三公经费决算数”“上年总收入”“村居”），返回数字的 id（可交给 compute）、数值、单位、行号和所在句子。',
      schema: z.object({ subject: z.string().min(1).describe('数字是关于什么的，例如“三公经费”“基本支出”“上年总支出”') }),
    },
  );
}
