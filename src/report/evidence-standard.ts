import type { IndicatorNode, Paragraph } from '../model/index.js';
import { lineAtOffset } from './paragraph-lines.js';
import { LineIndex } from './query/line-index.js';

/**
 * A narrative indicator's own scoring standard, stated in its own text: "评分标准：预算执行率达到100%得满分，每低1个百分点
 * 扣0.2分。该项实际执行率为97.6%，得4.52分。" The labelled sentence (up to its full stop) becomes the leaf's `standard`,
 * read from an `evidence-sentence`, so the verdict scores the leaf by it as it scores a table row by its 评分标准 cell.
 * A standard quoted in the sentence that applies it ("按照“满意度≥90%得满分，每降低1个百分点扣1分”的标准，扣1分") counts too.
 */

/** "评分标准：", "计分方法为", "评分办法是"; the label that opens the standard sentence. */
const LABEL = /(?:评分标准|评分办法|评分依据|评分规则|计分方法|计分办法|计分标准|考核标准|评价标准)(?:为|是)?[：:]?\s*/gu;
/** "按照“执行率≥98%得满分，每降低1个百分点扣1分”的标准": a quoted standard the sentence scores by. */
const QUOTED = /(?:按照|按|依据|根据|对照)[“"]([^”"]{4,200})[”"](?:的)?(?:评分|计分|考核)?(?:标准|办法|规则|细则)/u;
/** A standard gives or takes points. */
const SCORES = /得|扣|满分|计分|给分|赋分/u;

function standardIn(paragraph: Paragraph): { text: string; line: number } | null {
  const quoted = QUOTED.exec(paragraph.text);
  if (quoted && SCORES.test(quoted[1]!)) return { text: quoted[1]!.trim(), line: lineAtOffset(paragraph, quoted.index + quoted[0].indexOf(quoted[1]!)) };
  for (const m of paragraph.text.matchAll(LABEL)) {
    // "对照…评分标准，本局自评…" names standards without stating one: the label must introduce text (a colon or 为/是).
    if (!/[：:为是]\s*$/u.test(m[0])) continue;
    const start = m.index + m[0].length;
    const stop = paragraph.text.indexOf('。', start);
    const text = paragraph.text.slice(start, stop < 0 ? undefined : stop).trim().replace(/^[“"](.*)[”"]$/u, '$1');
    if (text.length < 4 || !SCORES.test(text)) continue;
    return { text, line: lineAtOffset(paragraph, start) };
  }
  return null;
}

/** Leaves without a standard (none from a 评分细则 table either) take the one their own paragraphs state (the first). Returns new nodes; never throws. */
export function withEvidenceStandards(nodes: readonly IndicatorNode[], paragraphs: readonly Paragraph[]): IndicatorNode[] {
  const byLine = new LineIndex(paragraphs, (p) => p.line);
  const visit = (node: IndicatorNode): IndicatorNode => {
    if (node.children.length > 0) return { ...node, children: node.children.map(visit) };
    if (node.standard || !node.evidenceLines) return node;
    for (const paragraph of byLine.between(node.evidenceLines[0], node.evidenceLines[1])) {
      const found = standardIn(paragraph);
      if (found) {
        return { ...node, standard: found.text, standardLine: found.line, standardSource: { from: 'evidence-sentence', line: found.line } };
      }
    }
    return node;
  };
  return nodes.map(visit);
}
