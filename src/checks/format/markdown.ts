import type { Severity } from '../../model/index.js';
import { plain } from '../../model/decimal.js';
import { computeTotals, countBySeverity, SEVERITY_LABEL, summaryLine } from '../summary.js';
import type { CheckResult, FolderEntry } from './check-result.js';
import { headerFacts } from './text.js';
import { groupFindings, groupPlaces, shownRelated, type FindingGroup } from './group-findings.js';
import { placeOfLine } from './place.js';

const ORDER: Severity[] = ['error', 'warning', 'info'];

function escape(text: string): string {
  return text.replace(/([\\`*_[\]|<>])/gu, '\\$1');
}

function item(group: FindingGroup, report: CheckResult['report']): string[] {
  const f = group.first;
  const lines = [`- **${groupPlaces(group)}** ${escape(f.message)} \`${f.ruleId}\``];
  if (f.formula) lines.push(`  - 算式：\`${f.formula}\``);
  const { shown, more } = shownRelated((f.related ?? []).filter((r) => r.line !== f.line));
  for (const r of shown) lines.push(`  - ${placeOfLine(report, r.line)}：${escape(r.text)}`);
  if (more > 0) lines.push(`  - …另有 ${more} 行`);
  return lines;
}

/** For chat and documents. */
export function formatMarkdown(result: CheckResult): string {
  const out = [`## 检查结果：${escape(result.report.title || result.report.source.name)}`, '', ...headerFacts(result).map((l) => `- ${escape(l)}`), `- ${summaryLine(result.findings)}`, ''];
  for (const severity of ORDER) {
    const group = result.findings.filter((f) => f.severity === severity);
    out.push(`### ${SEVERITY_LABEL[severity]}（${group.length}）`, '');
    if (group.length === 0) out.push('（无）');
    for (const entry of groupFindings(group)) out.push(...item(entry, result.report));
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function formatFolderMarkdown(entries: readonly FolderEntry[]): string {
  return `${FOLDER_MARKDOWN_HEAD}${entries.map(folderMarkdownLine).join('\n')}\n`;
}

export const FOLDER_MARKDOWN_HEAD = '| 文件 | 总分（报告/计算） | 错误 | 警告 | 提示 | 结果 |\n|---|---|---|---|---|---|\n';

/** One report's row of the folder table. */
export function folderMarkdownLine(e: FolderEntry): string {
  if (!('result' in e)) return `| ${escape(e.file)} | — | — | — | — | 无法检查：${escape(e.problem)} |`;
  const totals = computeTotals(e.result.report);
  const c = countBySeverity(e.result.findings);
  return `| ${escape(e.file)} | ${totals.stated ?? '—'} / ${plain(totals.computed)} | ${c.error} | ${c.warning} | ${c.info} | ${c.error > 0 ? '有错误' : '通过'} |`;
}
