import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import type { SectionKind } from './section-kinds.js';
import { draftProblems } from './problems.js';
import { draftSuggestions } from './suggestions.js';
import { draftConclusion } from './conclusion.js';
import { draftFinances } from './finances.js';
import { draftPerformance } from './performance.js';
import { draftRectification } from './rectification.js';

export type { DraftSource, DraftOptions, SectionDraft } from './draft-source.js';
export { SECTION_KINDS, isSectionKind, type SectionKind } from './section-kinds.js';

const DRAFTERS: Record<SectionKind, (source: DraftSource, options: DraftOptions) => SectionDraft> = {
  存在问题: draftProblems,
  相关建议: draftSuggestions,
  自评结论: draftConclusion,
  部门整体收支情况: draftFinances,
  主要绩效: draftPerformance,
  上年问题整改情况: draftRectification,
};

/** Draft one section from the report's figures and findings (templates; no model). */
export function draftSection(kind: SectionKind, source: DraftSource, options: DraftOptions = {}): SectionDraft {
  return DRAFTERS[kind](source, options);
}
