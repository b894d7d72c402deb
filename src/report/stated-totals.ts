import type { Paragraph, StatedTotal } from '../model/index.js';
import { lineAtOffset } from './paragraph-lines.js';

const TOTAL_PATTERNS: RegExp[] = [
  /自评(?:结果|总分|总得分|综合得分)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu,
  /(?:总得分|综合得分|得分合计|合计得分|评价总分|最终得分)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu,
  /(?:整体支出绩效|整体绩效)(?:自评)?(?:总)?得分(?:为|是|：|:)?\s*(\d+(?:\.\d+)?)\s*分/gu,
];

/** Every place that states the report's overall score, e.g. "自评结果为 99 分". */
export function extractStatedTotals(paragraphs: readonly Paragraph[]): StatedTotal[] {
  const found: StatedTotal[] = [];
  for (const paragraph of paragraphs) {
    for (const pattern of TOTAL_PATTERNS) {
      for (const m of paragraph.text.matchAll(pattern)) {
        const start = Math.max(0, m.index - 20);
        found.push({ value: Number(m[1]), line: lineAtOffset(paragraph, m.index), text: paragraph.text.slice(start, m.index + m[0].length) });
      }
    }
  }
  found.sort((a, b) => a.line - b.line);
  return found.filter((t, i) => i === 0 || !(t.line === found[i - 1]!.line && t.value === found[i - 1]!.value));
}

