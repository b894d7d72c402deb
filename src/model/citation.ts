import { z } from 'zod';

/** A passage of the knowledge base returned by search, quoted back with where it came from. */
export const CitationSchema = z.object({
  chunkId: z.string(),
  source: z.string(), // document path relative to its ingest root, e.g. "guides/政府采购执行率.md"
  title: z.string(), // document title
  sectionPath: z.array(z.string()),
  text: z.string(), // the chunk text (the quote)
  lineStart: z.number().int().positive().optional(),
  lineEnd: z.number().int().positive().optional(),
  scope: z.string(),
  score: z.number(),
});
export type Citation = z.infer<typeof CitationSchema>;
