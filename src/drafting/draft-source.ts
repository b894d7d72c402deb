import type { Finding, Report } from '../model/index.js';
import type { RubricMatch } from '../rubric/match-rubric.js';
import type { Computation } from '../model/computation.js';
import type { SectionKind } from './section-kinds.js';

/** What a section is drafted from: the parsed report, its check findings and its match to the rubric. */
export interface DraftSource {
  report: Report;
  findings: readonly Finding[];
  rubricMatch: RubricMatch;
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
}
