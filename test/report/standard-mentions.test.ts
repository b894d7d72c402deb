import { describe, expect, it } from 'vitest';
import { readReportBytes } from '../../src/report/parse-report.js';
import { indicatorLeaves } from '../../src/report/indicators.js';
import { findScorePhrase, insideStandard } from '../../src/report/narrative-scores.js';
import type { Report } from '../../src/model/index.js';
import { hasCjkFont, toDocx, toPdf } from '../helpers/report-variants.js';

/**
 * A sentence that names the scoring standard in passing ("对照评分标准，执行率97.6%，得4.52分") states the indicator's
 * score; a sentence that defines one ("评分标准：≥90%得5分；80%-90%得4分", "计分方法为…", a quoted band) does not.
 */

const paragraph = (text: string) => ({ text, line: 1, endLine: 1, sectionPath: [], segments: [{ line: 1, offset: 0 }] });

const LEADS = ['对照', '根据', '按照', '依据', '按'];
const NAMES = ['评分标准', '评分办法', '计分方法', '考核标准', '评分细则'];
const TAILS: [string, number][] = [
  ['，执行率97.6%，得4.52分', 4.52],
  ['，该项自评得分4分', 4],
  ['，本项指标得分3.5分', 3.5],
  ['，扣0.5分', 4.5],
  ['，该项得满分', 5],
];

/** Every lead × standard name, each with one of the tails (rotating), so every tail meets every lead and name. */
const MENTIONS = LEADS.flatMap((lead, i) => NAMES.map((name, j) => {
  const [tail, score] = TAILS[(i + j) % TAILS.length]!;
  return [`${lead}${name}${tail}`, score] as const;
}));

const DEFINITIONS = [
  '评分标准：≥90%得5分；80%-90%得4分',
  '评分标准：≥90%得5分；80%（含）-90%得4分；<80%得0分。',
  '评分标准为执行率达到100%得5分，每低1个百分点扣0.2分。',
  '计分方法：按完成比例计分，完成率90%得4.5分。',
  '考核标准是“满意度90%以上得5分，80%-90%得4分”。',
  '评分依据：每发现1例违规扣1分，扣完为止。',
  '评分办法为“≥95%得满分”，按此计分得5分。',
];

describe('a passing mention of the standard is not a standard', () => {
  it.each(MENTIONS)('%s → %s', (text, score) => {
    expect(findScorePhrase([paragraph(text)], 5)?.score).toBe(score);
  });

  it.each(DEFINITIONS)('a definition is not the indicator’s score: %s', (text) => {
    expect(findScorePhrase([paragraph(text)], 5)).toBeNull();
  });

  it('a definition in one sentence and the score in the next: the score is read, the bands are not', () => {
    const text = '评分标准：≥90%得5分；80%-90%得4分。对照评分标准，执行率86%，得4分。';
    expect(insideStandard(text, text.indexOf('得5分'))).toBe(true);
    expect(insideStandard(text, text.lastIndexOf('得4分'))).toBe(false);
    expect(findScorePhrase([paragraph(text)], 5)?.score).toBe(4);
  });
});

/** A narrative built from the mentions: one indicator per phrasing, each worth 5. */
function narrative(mentions: readonly (readonly [string, number])[]): string {
  const body = mentions.map(([text], i) => `${i + 1}.指标${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${Math.floor(i / 10) + 1}号（5分）\n${text}。`);
  const total = mentions.reduce((sum, [, score]) => sum + score * 100, 0) / 100;
  return [
    '某县测试局2024年度部门整体支出绩效自评报告',
    '一、部门基本情况',
    '本局负责全县测试工作。',
    '二、自评结论',
    `经自评，本局2024年度自评得分${total}分。`,
    '三、指标得分情况',
    `（一）履职情况（${mentions.length * 5}分）`,
    ...body,
  ].join('\n');
}

const FORMATS = [
  ['txt', (text: string) => new TextEncoder().encode(text)],
  ['docx', toDocx],
  ...(hasCjkFont ? [['pdf', toPdf] as const] : []),
] as const;

describe('a whole report whose indicators mention the standard in passing', () => {
  const mentions = MENTIONS.slice(0, 10);
  it.each(FORMATS)('.%s: every indicator’s score is read', async (format, build) => {
    const parsed = await readReportBytes(`自评报告.${format}`, await build(narrative(mentions)));
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join());
    const report: Report = parsed.report;
    expect(indicatorLeaves(report.indicators).map((l) => l.score)).toEqual(mentions.map(([, score]) => score));
  });
});
