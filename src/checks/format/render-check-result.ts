import type { CheckResult, FolderEntry } from './check-result.js';
import { formatFolderJson, formatJson } from './json.js';
import { formatFolderMarkdown, formatMarkdown } from './markdown.js';
import { formatFolderText, formatText } from './text.js';

export const OUTPUT_FORMATS = ['text', 'json', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export function renderCheckResult(result: CheckResult, format: OutputFormat): string {
  return format === 'json' ? formatJson(result) : format === 'markdown' ? formatMarkdown(result) : formatText(result);
}

export function renderFolder(entries: readonly FolderEntry[], format: OutputFormat): string {
  return format === 'json' ? formatFolderJson(entries) : format === 'markdown' ? formatFolderMarkdown(entries) : formatFolderText(entries);
}
