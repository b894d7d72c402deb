import { draftSection } from '../drafting/draft-section.js';
import type { SectionKind } from '../drafting/section-kinds.js';
import { buildEvidence, markUntraced, traceNumbers, UNVERIFIED_NOTE, type GuardResult } from './guard/number-trace.js';
import type { ReportContext } from './report-context.js';
import type { LlmSettings } from './llm/llm-settings.js';
import type { Computation } from '../model/computation.js';
import type { PreviousYear } from '../drafting/previous-year.js';

/** A finished draft: every number with the place it traces to (the `selfeval draft --format json` contract). */
export interface DraftResult {
  section: SectionKind;
  text: string;
  numbers: { value: string; source: string }[];
  mode: 'offline' | 'llm';
  notes: string[];
  computations: Computation[];
  /** Model attempts made (0 offline); the guard stopped the model when attempts > 0 and mode is offline. */
  attempts: number;
  guardStopped: boolean;
}

function numbersOf(guard: GuardResult): { value: string; source: string }[] {
  return guard.traced.map((t) => ({ value: t.mention.text, source: t.source }));
}

/**
 * Draft a section: templates filled with figures (offline), or phrased by the model through the number guard.
 * When the model fails or its draft cannot be verified, the offline draft is returned with a note.
 */
export async function composeDraft(
  context: ReportContext,
  section: SectionKind,
  options: { shorter?: boolean; llm?: LlmSettings | null; previousYear?: PreviousYear } = {},
): Promise<DraftResult> {
  const shorter = options.shorter ?? false;
  // The department's previous-year report from the knowledge base, when the caller looked it up (drafting/previous-year.ts).
  const source = options.previousYear ? { ...context, previousYear: options.previousYear } : context;
  const draft = draftSection(section, source, { shorter });
  const evidence = buildEvidence({ report: context.report, findings: context.findings, computations: draft.computations, citations: draft.quoted });
  const preferLines = draft.facts.flatMap((f) => [...f.matchAll(/第 ([\d、]+) 行/gu)].flatMap((m) => m[1]!.split('、').map(Number)));
  const offline = (notes: string[], attempts: number, guardStopped: boolean): DraftResult => {
    const guard = traceNumbers(draft.text, evidence, { preferLines });
    const text = markUntraced(draft.text, guard);
    const allNotes = guard.ok ? notes : [...notes, UNVERIFIED_NOTE];
    return { section, text, numbers: numbersOf(guard), mode: 'offline', notes: allNotes, computations: draft.computations, attempts, guardStopped };
  };
  if (!options.llm) return offline([], 0, false);
  const { phraseDraft } = await import('./llm/model-draft.js'); // LangChain loads only when a model phrases
  const phrased = await phraseDraft(draft, evidence, options.llm, shorter);
  if (!phrased.ok) return offline([phrased.failure.note], phrased.attempts, phrased.failure.kind === 'guard');
  const guard = traceNumbers(phrased.text, evidence, { preferLines });
  return { section, text: phrased.text, numbers: numbersOf(guard), mode: 'llm', notes: [], computations: draft.computations, attempts: phrased.attempts, guardStopped: false };
}
