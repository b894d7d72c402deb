import type { Figure, IndicatorNode, Report } from '../../model/index.js';
import type { RubricMatch } from '../../rubric/match-rubric.js';
import { boundOf, coreSubject, isRateFigure } from '../../report/figure-words.js';
import { queryOf } from '../../report/query/report-query.js';
import { causeOf } from '../house-style.js';
import { emptyFiguresData, type FiguresData, type IndicatorRow } from './figures-data.js';
import { findSection } from '../find-section.js';
import { dec, plain, type Dec } from '../../model/decimal.js';

const SCORE_CLAUSE = /^(?:自评得分|自评分|得分)(?:为)?[:：]?\s*-?\d+(?:\.\d+)?\s*分[，。；,;\s]*/u;


/** The items of a section: each sub-heading with the paragraphs under it, or else each paragraph. */
function sectionItems(report: Report, pattern: RegExp): string[] {
  const section = findSection(report.sections, pattern);
  if (!section) return [];
  const within = (first: number, last: number) => report.paragraphs.filter((p) => p.line >= first && p.line <= last).map((p) => p.text);
  if (section.children.length === 0) return within(section.line + 1, section.endLine);
  return section.children.map((child) => {
    const title = /[。！？]$/u.test(child.title) ? child.title : `${child.title}。`;
    return [title, ...within(child.line, child.endLine)].join('');
  });
}

function sectionText(report: Report, pattern: RegExp): string {
  return sectionItems(report, pattern).join('');
}

function money(figures: readonly Figure[], pattern: RegExp, exclude?: RegExp): Figure | undefined {
  return figures.find((f) => f.unit === '万元' && pattern.test(f.subject) && !(exclude?.test(f.subject) ?? false));
}

/** The amount that follows a budget on the same line: "预算数为 20.4 万元，决算数为 17.40 万元". */
function actualAfter(figures: readonly Figure[], budget: Figure | undefined): Figure | undefined {
  if (!budget) return undefined;
  const index = figures.indexOf(budget);
  const next = figures.slice(index + 1).find((f) => f.unit === '万元');
  return next && next.line === budget.line && /决算|实际|支出|执行/u.test(next.subject) ? next : undefined;
}

function labelled(report: Report, label: RegExp): string {
  for (const line of report.lines) {
    const m = new RegExp(`^\\s*${label.source}\\s*[：:]\\s*(.+)$`, 'u').exec(line);
    if (m?.[1]) return m[1].trim();
  }
  return '';
}

/** The rate an indicator's text states for itself ("全年预算资金支出率为 58.48%"), only when it is named like the indicator. */
function measuredRate(report: Report, node: IndicatorNode, aliases: readonly string[]): Figure | null {
  const names = [node.name, ...aliases];
  const named = (f: Figure) => {
    const subject = coreSubject(f.subject);
    return subject.length >= 3 && names.some((n) => subject.includes(n) || n.includes(subject.slice(-3)));
  };
  return queryOf(report).figuresOf(node).find((f) => isRateFigure(f) && boundOf(f) === null && named(f)) ?? null;
}

/** 分值 as stated; a parent row the report gives no 分值 (a table's 二级指标 column) has its children's sum. */
function weightOf(node: IndicatorNode): Dec {
  if (node.weight !== null) return dec(node.weight);
  return node.children.reduce((sum, child) => sum.plus(weightOf(child)), dec(0));
}

function indicatorRows(report: Report, match: RubricMatch | null): IndicatorRow[] {
  const rows: IndicatorRow[] = [];
  const visit = (node: IndicatorNode) => {
    const leaf = node.children.length === 0;
    const evidence = leaf ? node.evidence.replace(SCORE_CLAUSE, '').replace(/\n/gu, '') : '';
    const rubric = match?.byIndicatorId.get(node.id);
    const stated = leaf ? measuredRate(report, node, rubric?.aliases ?? []) : null;
    rows.push({
      path: node.path,
      weight: plain(weightOf(node)),
      score: leaf && node.assessed && node.score !== null ? String(node.score) : null,
      assessed: node.assessed,
      reason: !node.assessed ? (node.notAssessedReason ?? '') : (causeOf(node.reason) ?? node.reason ?? ''),
      measured: stated ? `${stated.value}${stated.unit}` : '',
      evidence: node.assessed ? evidence : '',
      cell: '',
    });
    node.children.forEach(visit);
  };
  report.indicators.forEach(visit);
  return rows;
}

/** The figures workbook's content taken from an existing report: what it states, nothing invented. */
export function figuresFromReport(report: Report, match: RubricMatch | null = null): FiguresData {
  const data = emptyFiguresData();
  const figures = report.figures;
  const b = data.basics;
  b.department = report.department ?? '';
  b.year = report.year;
  b.head = labelled(report, /单位负责人/u);
  b.preparer = labelled(report, /填\s*报\s*人/u);
  b.duties = sectionText(report, /主要职责|部门职责/u);
  b.structure = sectionText(report, /下属单位|内设机构|机构设置/u);
  b.staffingNote = sectionText(report, /人员编制|人员构成|人员情况/u);
  b.tasks = sectionItems(report, /支出目标|目标及任务|工作任务/u);
  b.achievements = sectionItems(report, /主要绩效/u);
  b.problems = sectionItems(report, /存在问题|存在的问题/u);
  b.suggestions = sectionItems(report, /相关建议|改进建议|下一步/u);

  const f = data.finances;
  const income = money(figures, /总收入/u, /上年/u);
  const incomeLast = money(figures, /上年.*总收入/u);
  f.incomeTotal = { current: income?.value ?? null, previous: incomeLast?.value ?? null };
  for (const [name, pattern] of [['财政拨款收入', /财政拨款收入/u], ['事业收入', /事业收入/u], ['经营收入', /经营收入/u], ['其他收入', /其他收入/u], ['上年结转', /上年结转/u]] as const) {
    const current = money(figures, pattern, /上年(?!结转)/u);
    if (current) f.incomeSources.push({ name, current: current.value, previous: null });
  }
  const spending = money(figures, /总支出/u, /上年/u);
  const spendingLast = money(figures, /上年.*总支出/u);
  f.spendingTotal = { current: spending?.value ?? null, previous: spendingLast?.value ?? null };
  f.basic = { current: money(figures, /基本支出/u, /上年/u)?.value ?? null, previous: null };
  f.project = { current: money(figures, /项目支出/u, /上年/u)?.value ?? null, previous: null };
  f.personnel = { current: money(figures, /人员经费/u, /上年|预算/u)?.value ?? null, previous: null };
  f.publicFunds = { current: null, previous: null };
  const paragraphText = (figure: Figure | undefined) => report.paragraphs.find((p) => figure && p.line <= figure.line && figure.line <= p.endLine)?.text ?? null;
  f.incomeNote = causeOf(paragraphText(income)) ?? '';
  f.spendingNote = causeOf(paragraphText(spending)) ?? '';

  const e = data.execution;
  const procurement = money(figures, /政府采购预算|采购预算/u);
  e.procurementBudget = procurement?.value ?? null;
  e.procurementActual = actualAfter(figures, procurement)?.value ?? null;
  const publicBudget = money(figures, /公用经费预算/u);
  e.publicBudget = publicBudget?.value ?? null;
  e.publicActual = actualAfter(figures, publicBudget)?.value ?? null;
  const threePublic = money(figures, /三公.*预算/u);
  e.threePublicBudget = threePublic?.value ?? null;
  e.threePublicActual = actualAfter(figures, threePublic)?.value ?? null;
  e.carryOver = money(figures, /结转结余(?:资金)?(?:总额|金额|数)?$/u)?.value ?? null;

  data.indicators = indicatorRows(report, match);
  if (report.bonus) {
    data.bonus.push({ item: '加减分项', score: String(report.bonus.score), evidence: report.bonus.evidence.replace(SCORE_CLAUSE, '').replace(/\n/gu, '') });
  }
  return data;
}

/** Start next year's workbook from this one: this year's figures move to the 上年 columns; scores are cleared. */
export function carryForward(data: FiguresData): FiguresData {
  const next = structuredClone(data);
  next.basics.year = data.basics.year === null ? null : data.basics.year + 1;
  next.basics.achievements = [];
  next.basics.problems = [];
  next.basics.suggestions = [];
  const f = next.finances;
  for (const pair of [f.incomeTotal, f.spendingTotal, f.basic, f.personnel, f.publicFunds, f.project, ...f.incomeSources]) {
    pair.previous = pair.current;
    pair.current = null;
  }
  f.incomeNote = '';
  f.spendingNote = '';
  next.execution = emptyExecution(next);
  next.indicators = next.indicators.map((row) => ({ ...row, score: null, assessed: true, reason: '', measured: '', evidence: '' }));
  next.bonus = [];
  return next;
}

function emptyExecution(data: FiguresData): FiguresData['execution'] {
  const cleared = emptyFiguresData().execution;
  return { ...cleared, threePublic: data.execution.threePublic.map((t) => ({ kind: t.kind, budget: null, actual: null })) };
}
