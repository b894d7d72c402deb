import { defineRule } from '../../define-rule.js';
import { dec, plain } from '../../../model/decimal.js';
import { belowFullMarks, proportionalOf, shortfallOf } from '../../../rubric/deduction-reading.js';
import { scoreLineOf } from '../../score-line.js';
import { queryOf } from '../../../report/query/report-query.js';
import { verdictOf } from '../../indicator-verdicts.js';
import { standardText } from '../../../rubric/indicator-verdict.js';
import { relatedLine } from '../../report-lines.js';
import { STANDARD_DEFINITION } from '../../../report/figure-roles.js';
import type { Finding, IndicatorNode, Report } from '../../../model/index.js';

const ID = 'score/deduction-explained';

/** Words that introduce a cause or admit a shortfall. A paragraph without any of them does not explain lost points. */
const REASON_WORDS =
  /原因|主要是|主要由于|由于|因为|因素|(?:^|[，。；：])因(?!此|而)|尚未|导致|致使|造成|未通过|未完成|未达|未能|未及时|未按|未细化|未量化|超出|超过|超支|不足|不全|不够|不到位|不规范|不完善|不完整|缺少|缺失|欠缺|差距|偏低|偏高|偏粗|偏差|较低|低于|少于|滞后|延迟|推迟|问题|扣\s*\d*(?:\.\d+)?\s*分|扣分/u;

/** A row of a score table: its 扣分原因/偏差原因 cell is the report's own explanation, whatever words it uses. */
function fromTable(leaf: { location?: { table?: number; sheet?: string; row?: number } }): boolean {
  return leaf.location !== undefined && (leaf.location.table !== undefined || leaf.location.sheet !== undefined);
}

/** A form's footer row that explains its shortfalls: "偏差大或目标未完成原因分析 | 工程完工时间因管材供货延迟…". */
const FOOTER_REASON = /^(?:偏差大|目标未完成|未完成原因|原因分析|偏差原因)/u;

/** The footer row of the leaf's table that names the leaf: its explanation text, or ''. */
function footerReason(report: Report, leaf: IndicatorNode): string {
  if (!fromTable(leaf) || leaf.name.length < 2) return '';
  for (const paragraph of report.paragraphs) {
    if (!FOOTER_REASON.test(paragraph.text)) continue;
    // Cells joined by tabs (docx, xlsx); a PDF row may run the label into its text.
    const text = paragraph.text.includes('\t')
      ? paragraph.text.split('\t').slice(1).filter((t) => t !== '').join('，')
      : paragraph.text.replace(/^\S*?(?:原因分析|原因)[：:]?/u, '');
    if (text.includes(leaf.name)) return text;
  }
  return '';
}

/**
 * The indicator's text without the sentences that state its scoring standard: "评分标准：…每低1个百分点扣0.2分。" says how
 * points are lost, not why these were.
 */
function textBesidesStandard(leaf: IndicatorNode): string {
  const standard = leaf.standard?.trim() ?? '';
  return (leaf.evidence.match(/[^。！？\n]+[。！？]?/gu) ?? [])
    .filter((sentence) => !STANDARD_DEFINITION.test(sentence) && (standard === '' || !sentence.includes(standard)))
    .join('').trim();
}

const MAX_QUOTE = 120;

function quote(reason: string): string {
  return reason.length > MAX_QUOTE ? `${reason.slice(0, MAX_QUOTE)}…` : reason;
}

export default defineRule({
  id: ID,
  title: '扣分有原因',
  description: '自评得分低于分值（扣了分）的指标，报告应说明扣分原因：写明了按本项评分标准（或“按完成比例计分”）得出这一得分的实际值，或写了扣分原因；每一处扣分都列出“分值 → 得分”和依据。',
  severity: 'warning',
  check(report, { rubricMatch }) {
    const findings: Finding[] = [];
    for (const leaf of queryOf(report).leaves()) {
      if (!leaf.assessed || leaf.score === null || leaf.weight === null || !dec(leaf.score).lt(leaf.weight)) continue;
      const lost = dec(leaf.weight).minus(leaf.score);
      const line = scoreLineOf(leaf);
      const base = {
        ruleId: ID, line, sectionPath: leaf.path, indicatorId: leaf.id,
        formula: `${plain(leaf.weight)} − ${plain(leaf.score)} = ${plain(lost)}`,
        related: [relatedLine(report, line, '得分')],
      };
      if (leaf.id === report.budget?.indicatorId) {
        // The national form's budget block: 得分 = 分值 × 执行率 is the explanation (formula/budget-execution recomputes it).
        findings.push({
          ...base, severity: 'info',
          message: `“${leaf.name}”扣 ${plain(lost)} 分（${plain(leaf.weight)} → ${plain(leaf.score)} 分），按自评表的计分办法“得分 = 分值 × 执行率”计算。`,
        });
        continue;
      }
      // The reason after the score, or (when that is empty or says nothing) the indicator's own text.
      const after = (leaf.reason ?? '').trim();
      const ownText = textBesidesStandard(leaf);
      // A form may explain its shortfalls in its footer row, or by the stated actual value against its target.
      const reason = /\p{Script=Han}{2}/u.test(after) && (fromTable(leaf) || REASON_WORDS.test(after)) ? after
        : REASON_WORDS.test(ownText) ? ownText : footerReason(report, leaf) || after;
      // The report states the value that puts the score where it is under the indicator's standard (its own
      // 评分标准, the rubric's rule, or "按完成比例计分" in its text): that is the explanation.
      const verdict = verdictOf(report, leaf, rubricMatch);
      // A stated basis that gives another score still explains the deduction; whether the amount is right is
      // score/own-standard's and score/rubric-rule's to say (and a wrong stated rate formula/ratio's).
      if (verdict.kind !== 'not-computable') {
        const agreement = verdict.kind === 'agrees' ? '与自评得分相符' : `与自评 ${plain(leaf.score)} 分不同，请核对`;
        findings.push({
          ...base, severity: 'info',
          message: `“${leaf.name}”扣 ${plain(lost)} 分（${plain(leaf.weight)} → ${plain(leaf.score)} 分），按${standardText(verdict.standard)}：${verdict.working}，${agreement}。${reason === '' ? '' : `报告的说明：${quote(reason)}`}`,
        });
        continue;
      }
      const shortfall = reason === '' || !REASON_WORDS.test(reason) ? belowFullMarks(leaf, verdict.standard?.rule) || (reason === '' ? shortfallOf(leaf) : '') : '';
      if (shortfall !== '') {
        findings.push({
          ...base, severity: 'info',
          message: `“${leaf.name}”扣 ${plain(lost)} 分（${plain(leaf.weight)} → ${plain(leaf.score)} 分）：${shortfall}。`,
        });
        continue;
      }
      const unexplained = reason === '' || (!fromTable(leaf) && !REASON_WORDS.test(reason));
      const proportional = unexplained ? proportionalOf(leaf) : '';
      if (proportional !== '') {
        findings.push({
          ...base, severity: 'info',
          message: `“${leaf.name}”扣 ${plain(lost)} 分（${plain(leaf.weight)} → ${plain(leaf.score)} 分）：${proportional}。`,
        });
        continue;
      }
      if (unexplained) {
        findings.push({
          ...base, severity: 'warning',
          message: `“${leaf.name}”扣了 ${plain(lost)} 分（${plain(leaf.weight)} → ${plain(leaf.score)} 分），但报告没有说明扣分原因${reason === '' ? '' : '（这段文字里没有“原因”“由于”“导致”“未完成”之类的说明）'}。`,
        });
        continue;
      }
      findings.push({
        ...base, severity: 'info',
        message: `“${leaf.name}”扣 ${plain(lost)} 分（${plain(leaf.weight)} → ${plain(leaf.score)} 分）。报告的说明：${quote(reason)}`,
      });
    }
    return findings;
  },
});
