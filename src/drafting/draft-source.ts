import type { Finding, Report } from '../model/index.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import type { Computation } from '../model/computation.js';
import type { SectionKind } from './section-kinds.js';
import type { PreviousYear } from './previous-year.js';

/** What a section is drafted from: the parsed report, its check findings and its match to the rubric. */
export interface DraftSource {
  report: Report;
  findings: readonly Finding[];
  rubricMatch: RubricMatch;
  /**
   * The same department's previous-year report from the knowledge base (drafting/previous-year.ts), when the caller
   * looked it up; absent when nobody looked (上年问题整改情况 then says how to draft it with the store).
   */
  previousYear?: PreviousYear;
}

export interface DraftOptions {
  shorter?: boolean;
}

/** A drafted section: the text, the calculations behind its numbers, and the facts it rests on (for a model). */
export interface SectionDraft {
  section: SectionKind;
  text: string;
  computations: Computation[];
  /** One line per fact with its source, for a model to rephrase without inventing. */
  facts: string[];
  /**
   * Passages of other documents the text quotes (last year's report: its problems, scores, figures and places), each
   * with its source and line: evidence for the number guard beside the report, findings and computations.
   */
  quoted?: { source: string; quote: string; line?: number }[];
}
