import type { Section } from '../model/index.js';

/** The first section, depth first, whose title matches: "存在问题", "主要绩效" … */
export function findSection(sections: readonly Section[], pattern: RegExp): Section | undefined {
  for (const s of sections) {
    if (pattern.test(s.title)) return s;
    const inner = findSection(s.children, pattern);
    if (inner) return inner;
  }
  return undefined;
}
