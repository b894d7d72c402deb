import { checkReport } from '../../checks/engine.js';
import { computeTotals } from '../../checks/summary.js';
import { dec, plain, sum } from '../../model/decimal.js';
import type { Finding, Report, Rubric } from '../../model/index.js';
import { parseReportText } from '../../report/parse-report.js';
import type { Computation } from '../../model/computation.js';
import { draftConclusion } from '../conclusion.js';
import { draftPerformance } from '../performance.js';
import { draftProblems } from '../problems.js';
import { draftSuggestions } from '../suggestions.js';
import { selfName } from '../house-style.js';
import type { DraftSource } from '../draft-source.js';
import type { FiguresData } from '../workbook/figures-data.js';
import { blocksToText, endSentence, HEADING_MARKER, marker, withWrittenForms, type DraftBlock } from './draft-blocks.js';
import { executionParagraph, financeParagraphs, projectParagraphs } from './finance-paragraphs.js';
import { indicatorBlocks } from './indicator-sections.js';
import { queryOf } from '../../report/query/report-query.js';

/** What the draft's own check found: it must give the workbook's indicators and total, and no error. */
export interface SelfCheck {
  errors: Finding[];
  mismatches: string[]; // Chinese: what differs between the workbook and the draft as read back
  leaves: number;
  total: string | null;
}

export interface FullDraft {
  title: string;
  blocks: DraftBlock[];
  computations: Computation[];
  notes: string[];
  selfCheck: SelfCheck;
}

const paragraphs = (texts: readonly string[]): DraftBlock[] => texts.filter((t) => t.trim() !== '').map((text) => ({ kind: 'paragraph', text }));

/** Split drafted section text ("intro\n\n一是…\n\n二是…") into paragraphs. */
const split = (text: string): string[] => text.split(/\n{2,}/u).map((t) => t.trim()).filter(Boolean);

/** A listed item written as a level-3 point ("1. …"), whatever numbering it came with. */
function numbered(items: readonly string[]): DraftBlock[] {
  return items.map((item, i) => ({ kind: 'heading', level: 3, text: `${marker(3, i)}${endSentence(item.replace(HEADING_MARKER, ''))}` }));
}

function workbookTotal(data: FiguresData): string {
  const leaves = data.indicators.filter((row, i) => (data.indicators[i + 1]?.path.length ?? 0) <= row.path.length);
  return plain(sum([...leaves.filter((l) => l.assessed && l.score !== null).map((l) => l.score!), ...data.bonus.map((b) => b.score)]));
}

function basicsBlocks(data: FiguresData, year: string, computations: Computation[]): DraftBlock[] {
  const b = data.basics;
  const staffing = b.staffingNote || b.staffing.map((s) => endSentence(`${s.unit}${s.kind ? `核定${s.kind}` : '核定编制'} ${s.authorized ?? '—'} 名，实有人员 ${s.actual ?? '—'} 人`)).join('');
  const overview: DraftBlock[] = [{ kind: 'heading', level: 3, text: `${marker(3, 0)}部门主要职责` }, ...paragraphs([b.duties])];
  const more = [
    ['纳入预算编制范围的下属单位及内设机构', b.structure],
    ['部门人员编制构成', staffing],
  ].filter(([, text]) => text !== '');
  more.forEach(([title, text], i) => overview.push({ kind: 'heading', level: 3, text: `${marker(3, i + 1)}${title}` }, ...paragraphs([text!])));
  const finance = financeParagraphs(data, year, computations);
  const execution = executionParagraph(data, computations);
  const money: DraftBlock[] = [];
  const moneyItems = [['部门整体收入', finance.income], ['部门整体支出情况', finance.spending], ['预算执行情况', execution]].filter(([, t]) => t !== null);
  moneyItems.forEach(([title, text], i) => money.push({ kind: 'heading', level: 3, text: `${marker(3, i)}${title}` }, ...paragraphs([text!])));
  const tasks = [...numbered(b.tasks), ...paragraphs(projectParagraphs(data))];
  return [
    { kind: 'heading', level: 1, text: `${marker(1, 0)}部门的基本情况` },
    { kind: 'heading', level: 2, text: `${marker(2, 0)}部门整体概况` },
    ...overview,
    { kind: 'heading', level: 2, text: `${marker(2, 1)}部门整体收支情况` },
    ...(money.length > 0 ? money : paragraphs(['（数据表“收支”未填写收支数据，请补充。）'])),
    { kind: 'heading', level: 2, text: `${marker(2, 2)}部门整体支出目标及任务` },
    ...(tasks.length > 0 ? tasks : paragraphs(['（数据表“基本情况”未填写年度目标及任务，请补充。）'])),
  ];
}

interface Closing {
  conclusion: string[];
  performance: string[];
  problems: string[];
  suggestions: string[];
}

function assemble(data: FiguresData, closing: Closing, computations: Computation[]): { title: string; blocks: DraftBlock[] } {
  const b = data.basics;
  const year = b.year === null ? '本年度' : `${b.year}年度`;
  const title = `${b.year ?? ''}${b.year === null ? '' : '年度'}部门整体支出绩效自评报告`;
  const cover: DraftBlock[] = [
    { kind: 'cover', text: `部门名称：${b.department}` },
    ...(b.head ? [{ kind: 'cover', text: `单位负责人：${b.head}` } as const] : []),
    ...(b.preparer ? [{ kind: 'cover', text: `填 报 人：${b.preparer}` } as const] : []),
  ];
  const blocks: DraftBlock[] = [
    { kind: 'title', text: title },
    ...cover,
    ...basicsBlocks(data, year, computations),
    { kind: 'heading', level: 1, text: `${marker(1, 1)}自评结论` },
    ...paragraphs(closing.conclusion),
    { kind: 'heading', level: 1, text: `${marker(1, 2)}绩效分析` },
    ...indicatorBlocks(data, computations),
    { kind: 'heading', level: 1, text: `${marker(1, 3)}主要绩效` },
    ...paragraphs(closing.performance),
    { kind: 'heading', level: 1, text: `${marker(1, 4)}存在问题` },
    ...paragraphs(closing.problems),
    { kind: 'heading', level: 1, text: `${marker(1, 5)}相关建议` },
    ...paragraphs(closing.suggestions),
  ];
  return { title, blocks };
}

function checkText(text: string, rubric: Rubric): { report: Report; source: DraftSource } | null {
  const parsed = parseReportText(text, { name: '草稿', format: 'docx', encoding: 'binary' });
  if (!parsed.ok) return null;
  const outcome = checkReport(parsed.report, rubric);
  return { report: outcome.report, source: { report: outcome.report, findings: outcome.findings, rubricMatch: outcome.rubricMatch } };
}

/** Compare the draft as the checker reads it with the workbook: same leaves, weights, scores and total. */
function selfCheck(data: FiguresData, checked: { report: Report; source: DraftSource } | null): SelfCheck {
  if (!checked) return { errors: [], mismatches: ['草稿无法被读回为自评报告。'], leaves: 0, total: null };
  const leaves = queryOf(checked.report).leaves();
  const expected = data.indicators.filter((row, i) => (data.indicators[i + 1]?.path.length ?? 0) <= row.path.length);
  const mismatches: string[] = [];
  if (leaves.length !== expected.length) mismatches.push(`草稿读回 ${leaves.length} 项末级指标，数据表有 ${expected.length} 项。`);
  expected.forEach((row, i) => {
    const leaf = leaves[i];
    if (!leaf) return;
    const same = leaf.name === row.path.at(-1) || leaf.path.at(-1) === row.path.at(-1);
    const weightOk = leaf.weight !== null && dec(leaf.weight).eq(dec(row.weight));
    const scoreOk = row.assessed ? leaf.score !== null && row.score !== null && dec(leaf.score).eq(dec(row.score)) : !leaf.assessed;
    if (!same || !weightOk || !scoreOk) mismatches.push(`“${row.path.join(' / ')}”在草稿中读作“${leaf.name}”分值 ${leaf.weight ?? '—'}、得分 ${leaf.score ?? '不考核'}。`);
  });
  const totals = computeTotals(checked.report);
  const total = workbookTotal(data);
  if (totals.stated === null || !dec(totals.stated).eq(dec(total))) mismatches.push(`草稿写明的总分 ${totals.stated ?? '（无）'} 与数据表合计 ${total} 不一致。`);
  return { errors: checked.source.findings.filter((f) => f.severity === 'error'), mismatches, leaves: leaves.length, total: totals.stated === null ? null : String(totals.stated) };
}

/**
 * The whole report from the figures workbook, in the standard structure. Narrative sections the workbook leaves
 * empty (存在问题, 相关建议, 主要绩效) are drafted by the section builders from the draft's own check, and the
 * result is read back and checked: `selfCheck` says whether it gives the workbook's indicators and total, error-free.
 */
export function composeFullReport(data: FiguresData, rubric: Rubric): FullDraft {
  const b = data.basics;
  const texts = [b.duties, b.structure, b.staffingNote, ...b.tasks, ...b.achievements, ...b.problems, ...b.suggestions, ...data.indicators.map((r) => r.evidence), ...data.bonus.map((x) => x.evidence)];
  return withWrittenForms(texts, () => compose(data, rubric));
}

function compose(data: FiguresData, rubric: Rubric): FullDraft {
  const total = workbookTotal(data);
  const b = data.basics;
  const yearWords = b.year === null ? '本年度' : `${b.year}年`;
  const computations: Computation[] = [];
  const sketch = assemble(data, { conclusion: [], performance: b.achievements, problems: b.problems, suggestions: b.suggestions }, []);
  const who = selfName({ lines: blocksToText(sketch.blocks).split('\n') });
  const statedTotal = `按照《部门整体支出绩效评价自评表》的评价指标，${who}${yearWords}整体支出绩效自评结果为 ${total} 分。`;
  const draftOne = assemble(data, { conclusion: [statedTotal], performance: b.achievements, problems: b.problems, suggestions: b.suggestions }, []);
  const notes: string[] = [];
  const first = checkText(blocksToText(draftOne.blocks), rubric);
  const closing: Closing = { conclusion: [statedTotal], performance: b.achievements, problems: b.problems, suggestions: b.suggestions };
  if (first) {
    const conclusion = draftConclusion(first.source);
    computations.push(...conclusion.computations);
    closing.conclusion = [statedTotal, ...split(conclusion.text)];
    if (b.achievements.length === 0) {
      const performance = draftPerformance(first.source);
      closing.performance = performance.text.startsWith('报告中没有找到') ? ['（请补充本年度主要绩效：重点工作的完成情况和量化成果。）'] : split(performance.text);
    }
    if (b.problems.length === 0) {
      const problems = draftProblems(first.source);
      computations.push(...problems.computations);
      closing.problems = split(problems.text);
    }
    if (b.suggestions.length === 0) {
      const suggestions = draftSuggestions(first.source);
      computations.push(...suggestions.computations);
      closing.suggestions = split(suggestions.text);
    }
  }
  const final = assemble(data, closing, computations);
  const check = selfCheck(data, checkText(blocksToText(final.blocks), rubric));
  if (check.errors.length > 0) notes.push(`草稿自查发现 ${check.errors.length} 个错误：${check.errors.map((f) => f.message).join(' ')}`);
  notes.push(...check.mismatches);
  return { title: final.title, blocks: final.blocks, computations, notes, selfCheck: check };
}
