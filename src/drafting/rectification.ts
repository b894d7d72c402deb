import type { PastIndicatorFacts } from '../knowledge/past-reports.js';
import { differenceOf, type Computation } from '../model/computation.js';
import { placeOfLine } from '../checks/format/place.js';
import { verdictOf } from '../checks/indicator-verdicts.js';
import type { DraftOptions, DraftSource, SectionDraft } from './draft-source.js';
import { enumerate } from './house-style.js';
import { statedActualOf } from './indicator-truth.js';
import { placeQuotes, previousPlace, type PreviousYear, type PreviousYearReport } from './previous-year.js';
import { indicatorsOfProblem, sameIndicator, thisYearPassages } from './problem-match.js';
import { withoutMarker } from './problem-items.js';

const SECTION = '上年问题整改情况' as const;
const MAX_QUOTE = 120;

type Quoted = NonNullable<SectionDraft['quoted']>[number];

interface Collected {
  computations: Computation[];
  facts: string[];
  quoted: Quoted[];
}

function citePlace(out: Collected, source: string, place: string): void {
  out.quoted.push(...placeQuotes(source, place));
}

/** The report's reason for lost points when it says more than "扣2分". */
function reasonOf(reason: string | null | undefined): string | null {
  return reason && reason.replace(/[扣得分\d.，。、；\s]/gu, '').length >= 6 ? reason : null;
}

const quote = (text: string): string => {
  const flat = withoutMarker(text.replace(/\s+/gu, ' ')).replace(/[。；;，,]$/u, '');
  return flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE)}…` : flat;
};

const NOT_LOOKED_UP =
  '起草“上年问题整改情况”要用到知识库里同一单位的上年报告：先导入去年的报告（selfeval ingest 去年报告 --scope past），' +
  '再运行 selfeval draft 上年问题整改情况 --report 今年的报告。';

/** No previous-year report in the store: one sentence saying which years it holds for the department and how to add one. */
function missingDraft(found: Extract<PreviousYear, { status: 'missing' }>): SectionDraft {
  const out: Collected = { computations: [], facts: [], quoted: [] };
  const ingest = `selfeval ingest 去年报告 --scope ${found.scope}`;
  let text: string;
  if (found.department === null || found.year === null) {
    const missing = found.department === null ? '部门名称' : '年度';
    text = `今年的报告没有写明${missing}，无法在知识库里找到同一单位的上年报告；请在报告中写明${missing}，并导入去年的报告（${ingest}）。`;
  } else {
    const last = differenceOf({ value: found.year, unit: '年' }, { value: 1, unit: '年' });
    out.computations.push(last);
    const held = found.held.filter((h) => h.year !== null);
    for (const h of found.held) out.quoted.push({ source: h.source, quote: `${found.department} ${h.year ?? ''} 年度报告` });
    text = held.length === 0
      ? `知识库（范围“${found.scope}”）里没有${found.department}的往年报告，无法对照上年存在问题起草整改情况；请先导入 ${last.result} 年度的报告：${ingest}。`
      : `知识库（范围“${found.scope}”）里有${found.department} ${[...new Set(held.map((h) => `${h.year} 年`))].join('、')}的报告（${found.held.map((h) => h.source).join('、')}），` +
        `没有 ${last.result} 年度的报告；请先导入：${ingest}。`;
  }
  return { section: SECTION, text, ...out };
}

/** "“政府采购执行率”今年得 1/5 分（第 12 行），上年得 3/5 分（a-2023.txt 第 9 行），今年扣 4 分，上年扣 2 分。…" */
function indicatorStatus(source: DraftSource, previous: PreviousYearReport, row: PastIndicatorFacts, options: DraftOptions, out: Collected): string {
  const { report } = source;
  const lastLine = row.scoreLine ?? row.line;
  const lastPlace = previousPlace(previous, lastLine);
  out.quoted.push({ source: previous.info.source, quote: `${row.path.join(' › ')} 分值 ${row.weight ?? '未写'} 分 自评得分 ${row.score ?? '未写'} 分`, line: lastLine });
  citePlace(out, previous.info.source, lastPlace);
  const lastScore = row.score !== null && row.weight !== null ? `${row.score}/${row.weight} 分` : '（报告未写得分）';
  const node = sameIndicator(report, row.name);
  if (!node || node.score === null || node.weight === null) {
    out.facts.push(`今年报告没有“${row.name}”的得分；上年 ${lastScore}（${lastPlace}）`);
    return `今年报告没有“${row.name}”的得分；上年得 ${lastScore}（${lastPlace}）。`;
  }
  const nowPlace = placeOfLine(report, node.scoreLine ?? node.line);
  citePlace(out, 'place', nowPlace);
  let text = `“${row.name}”今年得 ${node.score}/${node.weight} 分（${nowPlace}），上年得 ${lastScore}（${lastPlace}）`;
  if (!node.assessed) text += '，今年本项不考核';
  else if (row.score !== null && row.weight !== null) {
    const lostNow = differenceOf({ value: node.weight, unit: '分' }, { value: node.score, unit: '分' });
    const lostThen = differenceOf({ value: row.weight, unit: '分' }, { value: row.score, unit: '分' });
    out.computations.push(lostNow, lostThen);
    text += lostNow.result === '0' ? '，今年得满分' : `，今年扣 ${lostNow.shown}`;
    text += lostThen.result === '0' ? '，上年得满分' : `，上年扣 ${lostThen.shown}`;
  }
  text += '。';
  out.facts.push(`${row.name}：今年 ${node.score}/${node.weight} 分（${nowPlace}），上年 ${lastScore}（${lastPlace}）`);
  const now = statedActualOf(report, node, verdictOf(report, node, source.rubricMatch));
  const earlierNode = previous.report ? sameIndicator(previous.report, row.name) : undefined;
  const then = previous.report && earlierNode ? statedActualOf(previous.report, earlierNode) : null;
  const values: string[] = [];
  if (now) {
    values.push(`今年 ${now.text}（${now.label}，${now.place}）`);
    citePlace(out, 'place', now.place);
    out.facts.push(`今年${row.name}${now.label} ${now.text}（${now.place}）`);
  }
  if (then) {
    const where = `${previous.info.source} ${then.place}`;
    out.quoted.push({ source: previous.info.source, quote: then.quote, line: then.line });
    citePlace(out, previous.info.source, where);
    values.push(`上年 ${then.text}（${then.label}，${where}）`);
    out.facts.push(`上年${row.name}${then.label} ${then.text}（${where}）`);
  }
  if (values.length > 0) text += `报告写明的数值：${values.join('；')}。`;
  const reason = reasonOf(node.reason);
  if (!options.shorter && reason && node.score < node.weight) text += `今年的扣分说明：“${quote(reason)}”。`;
  return text;
}

/** One of last year's problems: where it was written, its indicators this year and last, what this year's text says. */
function problemPoint(
  source: DraftSource,
  previous: PreviousYearReport,
  item: PreviousYearReport['problems'][number],
  options: DraftOptions,
  out: Collected,
  tied: Set<string>,
): string {
  const { info } = previous;
  const where = item.line !== null
    ? previousPlace(previous, item.line)
    : `${info.source} “存在问题”部分${info.problemsLine !== null ? `（第 ${info.problemsLine} 行起）` : ''}`;
  out.quoted.push({ source: info.source, quote: item.text, ...(item.line !== null ? { line: item.line } : info.problemsLine !== null ? { line: info.problemsLine } : {}) });
  citePlace(out, info.source, where);
  out.facts.push(`上年问题：${item.text}（${where}）`);
  let text = `上年报告写道：“${quote(item.text)}”（${where}）。`;
  const rows = indicatorsOfProblem(item.text, previous.indicators);
  for (const row of rows) {
    tied.add(row.name);
    text += indicatorStatus(source, previous, row, options, out);
  }
  const passages = thisYearPassages(source.report, item.text, rows.map((r) => r.name));
  for (const { paragraph, kind } of passages) {
    const place = placeOfLine(source.report, paragraph.line);
    citePlace(out, 'place', place);
    out.facts.push(`今年报告第 ${paragraph.line} 行：${paragraph.text}`);
    text += kind === 'action' ? `今年报告写道：“${quote(paragraph.text)}”（${place}）。` : `今年报告的“存在问题”仍写到：“${quote(paragraph.text)}”（${place}）。`;
  }
  if (!passages.some((p) => p.kind === 'action')) text += '今年报告没有写明这一问题是否已经整改。';
  return text;
}

/**
 * 上年问题整改情况: last year's 存在问题 one by one, each cited to last year's report, with what this year's report
 * shows about it (the same indicator's score and value both years, cited to both; this year's sentences about it) —
 * or that this year's report does not say. Never says a problem was rectified: only quotes what the reports write.
 */
export function draftRectification(source: DraftSource, options: DraftOptions = {}): SectionDraft {
  const found = source.previousYear;
  if (!found) return { section: SECTION, text: NOT_LOOKED_UP, computations: [], facts: [] };
  if (found.status === 'missing') return missingDraft(found);
  const { previous } = found;
  const { info } = previous;
  const out: Collected = { computations: [differenceOf({ value: found.year, unit: '年' }, { value: 1, unit: '年' })], facts: [], quoted: [] };
  out.quoted.push({ source: info.source, quote: `${info.title} ${found.department} ${info.year ?? ''} 年度`, ...(info.statedLine !== null ? { line: info.statedLine } : {}) });
  const head = `${found.department}${info.year}年度自评报告（${info.source}）`;
  const note = previous.originNote ? `\n\n（${previous.originNote}，上年问题只能注明所在部分，未能注明逐条的行号。）` : '';
  const deducted = previous.indicators.filter((r) => r.assessed && r.weight !== null && r.score !== null && r.score < r.weight).sort((a, b) => a.line - b.line);
  if (previous.problems.length === 0) {
    const lead = `${head}中没有找到“存在问题”部分列出的问题（没有这一部分，或写明没有问题），无法逐条对照上年问题的整改情况`;
    if (deducted.length === 0) return { section: SECTION, text: `${lead}。${note}`, ...out };
    const points = deducted.map((row) => indicatorStatus(source, previous, row, options, out));
    return { section: SECTION, text: `${lead}；上年扣分的指标今年的情况如下：\n\n${enumerate(points)}${note}`, ...out };
  }
  const tied = new Set<string>();
  const points = previous.problems.map((item) => problemPoint(source, previous, item, options, out, tied));
  const intro = `对照${head}“存在问题”所列的问题，${found.year}年度报告反映的情况如下：`;
  // Last year's deductions its 存在问题 does not name: their scores both years, as a list after the problems.
  const untold = options.shorter ? [] : deducted.filter((r) => !tied.has(r.name));
  const also = untold.length === 0
    ? ''
    : `\n\n另外，上年报告扣分而“存在问题”没有列出的指标：\n${untold.map((row, i) => `（${i + 1}）${indicatorStatus(source, previous, row, options, out)}`).join('\n')}`;
  const close = options.shorter ? '' : '\n\n以上只摘录两年报告中写明的得分、数值和文字；得分变化不能说明问题是否已经整改，请据实补充整改措施和成效。';
  return { section: SECTION, text: `${intro}\n\n${enumerate(points)}${also}${close}${note}`, ...out };
}
