import { z } from 'zod';

/** A place in the input as given: 1-based line (and optional 1-based column) of the original text. */
export const LocationSchema = z.object({
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
  endLine: z.number().int().positive().optional(),
});
export type Location = z.infer<typeof LocationSchema>;

/** A line of the original input, quoted back to the user as evidence. */
export const RelatedLineSchema = z.object({
  line: z.number().int().positive(),
  text: z.string(),
});
export type RelatedLine = z.infer<typeof RelatedLineSchema>;
