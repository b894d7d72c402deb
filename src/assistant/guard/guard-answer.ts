import type { Answer, AnswerContext } from '../answers/answer.js';
import { sourceTitles, withSourceNames } from '../answers/rubric-quote.js';
import type { Reply } from '../turn.js';
import { reportSource } from '../answers/report-citation.js';
import { generalText } from '../answers/general-text.js';
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
  const answer = withSourceNamesIn(raw, context);
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

/**
 * Source codes (S1, S5) → the sources' names, in the text and the quoted passages. A knowledge passage quoted about
 * another report keeps its general part once the names are in (a rule's "出处 S0" names the sample report).
 */
function withSourceNamesIn(answer: Answer, context: Pick<AnswerContext, 'rubric' | 'report'>): Answer {
  const { rubric } = context;
  const own = context.report ? reportSource(context.report) : null;
  const named = (c: Answer['citations'][number]) => {
    const quote = withSourceNames(c.quote, rubric);
    return c.source === own || quote === c.quote ? quote : generalText(quote, context.report?.report);
  };
  return {
    ...answer,
    text: withSourceNames(answer.text, rubric),
    // A passage left empty spoke only of the sample.
    citations: answer.citations.map((c) => ({ ...c, quote: named(c) })).filter((c, i) => c.quote !== '' || answer.citations[i]!.quote === ''),
  };
}
