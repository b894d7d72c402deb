import type { IndicatorNode, Report, Section } from '../model/index.js';
import { problemItems } from './problem-items.js';

/** A passage of the report quoted as it is written, with its line. */
export interface Quote {
  text: string;
  line: number;
}

/** The report's own causes (存在问题/偏差原因/扣分原因) and measures (改进措施/相关建议), passage by passage. */
export interface ReportRemarks {
  causes: Quote[];
  measures: Quote[];
}

const CAUSE_TITLE = /存在(?:的)?问题|问题及原因|偏差原因|扣分原因|原因分析/u;
const MEASURE_TITLE = /改进措施|整改措施|改进建议|相关建议|意见建议|下一步|结果应用/u;
/** A table row whose first cell labels the whole row (footer rows of the project form). */
const CAUSE_ROW = /^(?:偏差大或目标未完成原因分析|偏差原因(?:分析)?|扣分原因|存在(?:的)?问题|问题及原因)$/u;
const MEASURE_ROW = /^(?:改进措施(?:及结果应用方案)?|整改措施|相关建议|改进建议|下一步工作(?:计划|打算)?)$/u;
const NONE = /^(?:无|没有|暂无|\/|—+|-+)$/u;

/** A passage split into its sentences (。；) without list markers; empty and "无" passages dropped. */
function sentences(text: string, line: number): Quote[] {
  return text
    .split(/[。；;]/u)
    .map((s) => s.trim().replace(/^[，,、]+|[，,、]+$/gu, ''))
    .filter((s) => s !== '' && !NONE.test(s))
    .map((s) => ({ text: s, line }));
}

function sectionQuotes(report: Report, section: Section): Quote[] {
  const body: { text: string; line: number | null }[] = [];
  for (let line = section.line + 1; line <= section.endLine; line += 1) body.push({ text: report.lines[line - 1] ?? '', line });
  return problemItems(body).flatMap((item) => sentences(item.text, item.line ?? section.line));
}

function walk(sections: readonly Section[], visit: (s: Section) => void): void {
  for (const s of sections) {
    visit(s);
    walk(s.children, visit);
  }
}

/** The report's own causes and measures: sections titled so, and table rows labelled so in their first cell. */
export function reportRemarks(report: Report): ReportRemarks {
  const causes: Quote[] = [];
  const measures: Quote[] = [];
  walk(report.sections, (s) => {
    if (s.children.length > 0) return;
    if (MEASURE_TITLE.test(s.title)) measures.push(...sectionQuotes(report, s));
    else if (CAUSE_TITLE.test(s.title)) causes.push(...sectionQuotes(report, s));
  });
  report.lines.forEach((text, i) => {
    if (!text.includes('\t')) return;
    const [first, ...rest] = text.split('\t').map((c) => c.trim());
    const values = [...new Set(rest.filter((c) => c !== '' && c !== first))];
    if (values.length !== 1) return; // a header row names several columns; a footer row is one merged cell
    const label = (first ?? '').replace(/\s+/gu, '');
    if (MEASURE_ROW.test(label)) measures.push(...sentences(values[0]!, i + 1));
    else if (CAUSE_ROW.test(label)) causes.push(...sentences(values[0]!, i + 1));
  });
  return { causes, measures };
}

/** Clauses that only score or restate a figure, not a cause: "扣1分", "（满分10分）", "按执行率计分", "按照“…”的标准". */
const SCORING = /^[（(]?满分|得分(?:为)?\s*[\d.]+\s*分|计分$|扣完为止|得满分|^扣\s*\d+(?:\.\d+)?\s*分$|^得\s*\d+(?:\.\d+)?\s*分$|评分标准|^[）)]+$/u;
/**
 * A clause with numbers that only states figures: a rate or degree with its value ("满意度为89%"), or a planned,
 * budgeted or achieved amount ("计划养护320公里", "完成307.2公里", "全年预算数2500万元"). Others ("2件信访件涉及多部门
 * 协调", "1处水利工程因征地问题未按期完工", "发现数据差错2处") say what went wrong.
 */
const FIGURES = /(?:率|度|比例|比重)(?:为|达到?|是)?\s*[\d.]+\s*[%％]|^(?:计划|实际|全年|年初|年末|预算|决算|完成|应|共|累计|合计|其中|发放|收回|满意|调查|问卷|受理|立案|办结|较上年)|^[\d.]+\s*[%％]?$|未达\s*[\d.]+|[\d.]+\s*(?:万元|亿元|元)/u;
/** A comparison with a threshold ("未达到95%", "低于95%"): the gap, not its cause. */
const THRESHOLD = /^(?:未达到|未达|达不到|低于|高于|超过|超出|不足|不到)\s*[\d.]+\s*[%％]?/u;

/**
 * The clauses of a report's explanation that state a cause, in its words, joined with "，"; null when it only states
 * figures, the standard or the score ("全年预算数2500万元，实际支出2440万元，执行率为97.6%" is no cause).
 */
export function causeClauses(text: string | null): string | null {
  if (!text) return null;
  const cleaned = text
    .normalize('NFKC')
    .replace(/按照?[“"][^”"]*[”"]的?(?:标准|要求|规定)?/gu, '')
    .replace(/[（(]满分[^）)]*[）)]/gu, '')
    .replace(/^[：:\s]+/u, '');
  const kept = cleaned
    .split(/[，,；;。]/u)
    .map((c) => c.trim())
    .filter((c) => c.length >= 2 && !SCORING.test(c) && !THRESHOLD.test(c) && !/[）)]$/u.test(c.replace(/[（(][^）)]*[）)]/gu, '')))
    .filter((c) => !/\d/u.test(c) || !FIGURES.test(c));
  return kept.length > 0 ? kept.join('，') : null;
}

/** A cause said twice ("部分救助对象反映报销材料较多" / "主要是报销材料较多"): most of the shorter one's words are in the other. */
export function sameCause(a: string, b: string): boolean {
  const [x, y] = [words(a.replace(/^(?:主要是|主要原因是|原因是|由于|因为)/u, '')), words(b.replace(/^(?:主要是|主要原因是|原因是|由于|因为)/u, ''))];
  const small = x.size <= y.size ? x : y;
  return small.size > 0 && overlap(x, y) >= Math.ceil(small.size * 0.6);
}

/** Two-character words that say nothing about which indicator a passage is about. */
const GENERIC = new Set(['管理', '预算', '资金', '项目', '绩效', '执行', '目标', '指标', '完成', '工作', '情况', '加强', '提高', '完善', '严格', '规范', '支出', '使用', '进一', '一步', '提升', '部门', '单位', '年度', '本年', '做好', '及时', '明确', '落实', '建立', '健全', '分值', '得分', '扣分']);

function words(text: string): Set<string> {
  const han = text.replace(/[^\p{Script=Han}]/gu, ' ');
  const out = new Set<string>();
  for (const run of han.split(/\s+/u)) for (let i = 0; i + 2 <= run.length; i += 1) if (!GENERIC.has(run.slice(i, i + 2))) out.add(run.slice(i, i + 2));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n += 1;
  return n;
}

/** Which of `nodes` a passage is about: the one it names, else the one sharing most words with `about` (name + cause). */
function bestNode(text: string, nodes: readonly IndicatorNode[], about: (n: IndicatorNode) => string): IndicatorNode | null {
  const named = nodes.filter((n) => text.includes(n.name)).sort((a, b) => b.name.length - a.name.length)[0];
  if (named) return named;
  const mine = words(text);
  let best: IndicatorNode | null = null;
  let score = 0;
  for (const n of nodes) {
    const s = overlap(mine, words(about(n)));
    if (s > score) {
      best = n;
      score = s;
    }
  }
  return best;
}

/** The report's own causes of each deducted indicator, from its 存在问题/偏差原因 passages (clauses that state a cause). */
export function ownCauses(remarks: ReportRemarks, nodes: readonly IndicatorNode[]): Map<string, Quote[]> {
  const out = new Map<string, Quote[]>();
  for (const q of remarks.causes) {
    const node = bestNode(q.text, nodes, (n) => n.name);
    const cause = node ? causeClauses(q.text.replace(node.name, '')) : null;
    if (node && cause) out.set(node.id, [...(out.get(node.id) ?? []), { text: cause, line: q.line }]);
  }
  return out;
}

/**
 * The report's own measures for each deducted indicator (改进措施 passages), clause by clause: a clause goes to the
 * indicator it names or shares words with (name and cause); a clause of no indicator follows the clause before it in
 * its passage. A passage of one clause that fits no indicator is left out (it is the report's general advice).
 */
export function ownMeasures(remarks: ReportRemarks, nodes: readonly IndicatorNode[], causeOf: (n: IndicatorNode) => string): Map<string, Quote[]> {
  const out = new Map<string, Quote[]>();
  for (const q of remarks.measures) {
    const clauses = q.text.split(/[，,]/u).map((c) => c.trim()).filter((c) => c.length >= 2);
    const owners = clauses.map((c) => bestNode(c, nodes, (n) => `${n.name} ${causeOf(n)}`));
    let previous: IndicatorNode | null = null;
    for (let i = 0; i < clauses.length; i += 1) {
      const owner = owners[i] ?? owners.slice(0, i).reverse().find((o) => o) ?? owners.slice(i + 1).find((o) => o) ?? null;
      if (!owner) continue;
      const list = out.get(owner.id) ?? [];
      const last = list[list.length - 1];
      if (last && previous === owner) last.text = `${last.text}，${clauses[i]}`;
      else list.push({ text: clauses[i]!, line: q.line });
      out.set(owner.id, list);
      previous = owner;
    }
  }
  return out;
}

/** A passage quoted inside “…”: its own double quotes become single (“一站式” → ‘一站式’). */
export function quoted(text: string): string {
  return `“${text.replace(/“/gu, '‘').replace(/”/gu, '’')}”`;
}
