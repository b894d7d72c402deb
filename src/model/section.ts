import { z } from 'zod';

/** A heading of the report's outline: 一、 / （一） / 1. / （1） / ① … */
export interface Section {
  title: string; // heading text without its marker: "预算执行情况 (42 分)" → "预算执行情况（42 分）" normalised
  marker: string; // "一、", "（一）", "1.", "（1）", "①"
  level: number; // 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）, 5 for ①
  path: string[]; // titles from the root down, including this one
  line: number; // heading line (original, 1-based)
  endLine: number; // last original line belonging to this section
  children: Section[];
}

export const SectionSchema: z.ZodType<Section> = z.lazy(() =>
  z.object({
    title: z.string(),
    marker: z.string(),
    level: z.number().int().positive(),
    path: z.array(z.string()),
    line: z.number().int().positive(),
    endLine: z.number().int().positive(),
    children: z.array(SectionSchema),
  }),
);
