import type { Rubric } from '../../model/index.js';
import type { Answer, AnswerContext } from '../answers/answer.js';
import { sourceTitles, withSourceNames } from '../answers/rubric-quote.js';
import type { Reply } from '../turn.js';
import { buildEvidence, markUntraced, traceNumbers, UNVERIFIED_NOTE } from './number-trace.js';

export function toReply(answer: Answer, mode: Reply['mode'], notes: string[]): Reply {
  return {
    text: answer.text,
    citations: answer.citations.map((c) => ({ source: c.source, quote: c.quote, ...(c.line !== undefined ? { line: c.line } : {}) })),
    findings: answer.findings,
    mode,
    ...(answer.draft ? { draft: answer.draft } : {}),
    notes,
  };
}

/** Put an offline answer through the guard; a number it cannot trace is marked 待核实 (never sent as fact). */
export function guardOffline(raw: Answer, context: AnswerContext): { answer: Answer; notes: string[] } {
  const answer = withSourceNamesIn(raw, context.rubric);
  const evidence = buildEvidence({
    report: context.report?.report ?? null,
    findings: context.report?.findings ?? [],
    citations: answer.citations,
    computations: answer.computations,
    question: context.question,
    texts: [...answer.quoted, { text: sourceTitles(context.rubric), label: `knowledge/rubrics/${context.rubric.id}.yaml` }],
  });
  const result = traceNumbers(answer.text, evidence);
  if (result.ok) return { answer, notes: [] };
  const text = markUntraced(answer.text, result);
  const draft = answer.draft ? { draft: { ...answer.draft, text: markUntraced(answer.draft.text, traceNumbers(answer.draft.text, evidence)) } } : {};
  return { answer: { ...answer, text, ...draft }, notes: [UNVERIFIED_NOTE] };
}

/** Source codes (S1, S5) → the sources' names, in the text and the quoted passages. */
function withSourceNamesIn(answer: Answer, rubric: Rubric): Answer {
  return {
    ...answer,
    text: withSourceNames(answer.text, rubric),
    citations: answer.citations.map((c) => ({ ...c, quote: withSourceNames(c.quote, rubric) })),
  };
}
