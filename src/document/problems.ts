import type { ParseProblem } from '../model/index.js';

/** Largest report file we read (a real report is well under 5 MB of text; docx/pdf with images may be larger). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

export type ProblemCode =
  | 'empty-file' | 'binary-file' | 'not-a-report' | 'no-scores' | 'file-too-large' | 'unknown-type' | 'legacy-doc'
  | 'legacy-xls' | 'corrupt-file' | 'pdf-no-text' | 'file-not-found' | 'unreadable-file' | 'is-directory' | 'no-score-table'
  | 'zip-bomb' | 'ocr-failed' | 'too-many-rows' | 'too-many-columns' | 'too-many-sheets';

interface Details {
  extension?: string;
  size?: number;
  path?: string;
  format?: string;
  sheet?: string;
  count?: number;
  limit?: number;
  reason?: 'missing' | 'failed' | 'timeout' | 'too-large';
}

/** Why an old or Kingsoft office file could not be read: no LibreOffice, or it could not convert the file. */
function legacyMessage(kind: 'Word' | 'Excel', d: Details): string {
  const save = kind === 'Word' ? '在 Word 或 WPS 中另存为 .docx ' : '在 Excel 或 WPS 表格中另存为 .xlsx ';
  const name = `${kind === 'Word' ? '旧版 Word / WPS 文字' : '旧版 Excel / WPS 表格'}（${d.extension ?? ''}）`;
  if (d.reason === 'missing') {
    return `读取${name}文件需要 LibreOffice：请安装（Debian/Ubuntu：apt-get install ${kind === 'Word' ? 'libreoffice-writer-nogui' : 'libreoffice-calc-nogui'}），或${save}后再试。`;
  }
  if (d.reason === 'timeout') return `${name}文件转换超时，请${save}后再试。`;
  if (d.reason === 'too-large') return `${name}文件转换后过大，请${save}后再试。`;
  return `无法转换这个${name}文件（可能已损坏或不是该格式），请${save}后再试。`;
}

const MESSAGES: Record<ProblemCode, (d: Details) => string> = {
  'empty-file': () => '文件是空的，没有可检查的内容。',
  'binary-file': () => '这个文件不是文本文件，无法按报告读取；请提供 .txt、.md、.docx、.pdf 或 .xlsx 格式的报告。',
  'not-a-report': () => '这不像是一份绩效自评报告：没有找到带分值的评价指标和“自评得分”。',
  'no-scores': () => '报告中找到了评价指标，但没有任何“自评得分 N 分”，无法检查得分。',
  'file-too-large': (d) =>
    `文件过大（${((d.size ?? 0) / 1024 / 1024).toFixed(1)} MB），单个报告不能超过 ${MAX_REPORT_BYTES / 1024 / 1024} MB。`,
  'unknown-type': (d) => `不支持 ${d.extension} 格式的文件；请提供 .txt、.md、.docx、.doc、.wps、.pdf、.xlsx、.xls、.et 或 .html。`,
  'legacy-doc': (d) => legacyMessage('Word', d),
  'legacy-xls': (d) => legacyMessage('Excel', d),
  'corrupt-file': (d) => `文件已损坏或不是有效的 ${d.format ?? ''} 文件，无法打开。`,
  'pdf-no-text': () => '这个 PDF 没有文字层（可能是扫描件）。安装 OCR 后即可直接读取（Debian/Ubuntu：apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils），或提供 Word/文本版本。',
  'ocr-failed': () => '扫描件的文字识别（OCR）失败，请提供 Word/文本版本，或确认 tesseract-ocr 与 tesseract-ocr-chi-sim 已正确安装。',
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
