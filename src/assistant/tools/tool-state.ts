import type { Finding } from '../../model/index.js';
import type { Computation } from '../../model/computation.js';
import type { AnswerContext } from '../answers/answer.js';
import { buildEvidence, type Evidence, type QuotedPassage } from '../guard/number-trace.js';

/** What the tools of one turn gather: everything the final message may draw its numbers from. */
export interface ToolState {
  context: AnswerContext;
  citations: QuotedPassage[];
  computations: Computation[];
  findings: Finding[];
  drafts: { section: string; text: string }[];
  /** Other texts a tool returned verbatim (rubric rules, definitions): their numbers may be repeated. */
  texts: { text: string; label: string }[];
}

export function createToolState(context: AnswerContext): ToolState {
  return { context, citations: [], computations: [], findings: [], drafts: [], texts: [] };
}

/** The evidence as it stands now: report, all its findings, citations and computations gathered so far. */
export function evidenceOf(state: ToolState): Evidence {
  return buildEvidence({
    report: state.context.report?.report ?? null,
    findings: state.context.report?.findings ?? [],
    citations: state.citations,
    computations: state.computations,
    question: state.context.question,
    texts: state.texts,
  });
}

/** Tool output for the model: compact JSON. */
export function toolJson(value: unknown): string {
  return JSON.stringify(value);
}
