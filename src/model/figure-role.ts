/**
 * What a number of the report IS (model/figure.ts explains each role). Kept apart from the zod schemas so that
 * recognising a report (report/, the parse workers) does not load zod.
 */
export const FIGURE_ROLES = ['actual', 'target', 'threshold', 'weight', 'score', 'amount', 'rate', 'count', 'number', 'date'] as const;
export type FigureRole = (typeof FIGURE_ROLES)[number];

/** Roles of numbers the report states as its own values (not a standard's, not a weight or score, not a date). */
export const STATED_VALUE_ROLES: ReadonlySet<FigureRole> = new Set<FigureRole>(['actual', 'amount', 'rate', 'count', 'number']);
