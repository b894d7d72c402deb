import type { ParseProblem } from '../model/index.js';

/** Largest report file we read (a real report is well under 5 MB of text; docx/pdf with images may be larger). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

export type ProblemCode =
  | 'empty-file' | 'binary-file' | 'not-a-report' | 'no-scores' | 'file-too-large' | 'unknown-type' | 'legacy-doc'
  | 'legacy-xls' | 'corrupt-file' | 'pdf-no-text' | 'file-not-found' | 'unreadable-file' | 'is-directory' | 'no-score-table'
  | 'zip-bomb' | 'too-many-rows' | 'too-many-columns' | 'too-many-sheets';

interface Details {
  extension?: string;
  size?: number;
  path?: string;
  format?: string;
  sheet?: string;
  count?: number;
  limit?: number;
}

const MESSAGES: Record<ProblemCode, (d: Details) => string> = {
  'empty-file': () => '文件是空的，没有可检查的内容。',
  'binary-file': () => '这个文件不是文本文件，无法按报告读取；请提供 .txt、.md、.docx、.pdf 或 .xlsx 格式的报告。',
  'not-a-report': () => '这不像是一份绩效自评报告：没有找到带分值的评价指标和“自评得分”。',
  'no-scores': () => '报告中找到了评价指标，但没有任何“自评得分 N 分”，无法检查得分。',
  'file-too-large': (d) =>
    `文件过大（${((d.size ?? 0) / 1024 / 1024).toFixed(1)} MB），单个报告不能超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB。`,
  'unknown-type': (d) => `不支持 ${d.extension} 格式的文件；请提供 .txt、.md、.docx、.pdf 或 .xlsx。`,
  'legacy-doc': () => '不支持旧版 Word（.doc）文件，请在 Word 或 WPS 中另存为 .docx 后再试。',
  'legacy-xls': () => '不支持旧版 Excel（.xls）文件，请另存为 .xlsx 后再试。',
  'corrupt-file': (d) => `文件已损坏或不是有效的 ${d.format ?? ''} 文件，无法打开。`,
  'pdf-no-text': () => '这个 PDF 没有文字层（可能是扫描件），请先用 OCR 转成文字，或提供 Word/文本版本。',
  'file-not-found': (d) => `找不到文件：${d.path}。`,
  'unreadable-file': (d) => `无法读取文件：${d.path}。`,
  'is-directory': (d) => `${d.path} 是一个文件夹，不是报告文件。`,
  'no-score-table': () => '表格中没有找到“自评得分”列，无法按自评评分表读取。',
  'zip-bomb': (d) => `文件解压后过大（约 ${Math.round((d.size ?? 0) / 1024 / 1024)} MB），疑似压缩炸弹，已拒绝读取。`,
  'too-many-rows': (d) =>
    `工作表“${d.sheet ?? ''}”超过 ${d.limit ?? 0} 行，不像是一份自评表，已拒绝读取；请只保留评分表所在的工作表后再试。`,
  'too-many-columns': (d) =>
    `工作表“${d.sheet ?? ''}”超过 ${d.limit ?? 0} 列，不像是一份自评表，已拒绝读取；请只保留评分表所在的区域后再试。`,
  'too-many-sheets': (d) => `工作簿有 ${d.count ?? 0} 个工作表，超过 ${d.limit ?? 0} 个的上限，已拒绝读取；请只保留评分表所在的工作表后再试。`,
};

export function problem(code: ProblemCode, details: Details = {}): ParseProblem {
  return { code, message: MESSAGES[code](details) };
}
