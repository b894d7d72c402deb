import type { CheckResult, FolderEntry } from '../../checks/format/check-result.js';

/** `check 报告 --annotate 批注版.docx`: write the annotated copy; when it cannot be made, say why (findings print as text). */
export async function writeAnnotated(inputPath: string, result: CheckResult, outPath: string): Promise<boolean> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { annotateReport, annotatedExtension } = await import('../../checks/annotate/annotate-file.js');
  const { extname } = await import('node:path');
  const wanted = annotatedExtension(inputPath);
  if (extname(outPath).toLowerCase() !== wanted) {
    process.stderr.write(`批注版应保存为 ${wanted} 文件（${inputPath} 的批注版是 ${wanted === '.docx' ? 'Word 文档' : 'Excel 工作簿'}）。\n`);
    return false;
  }
  const outcome = await annotateReport(inputPath, await readFile(inputPath), result.report, result.findings);
  if (!outcome.ok) {
    process.stderr.write(`无法生成批注版：${outcome.reason}检查结果见上方文字。\n`);
    return false;
  }
  await writeFile(outPath, outcome.bytes);
  const where = outcome.unplaced.length > 0 ? `，其中 ${outcome.unplaced.length} 条找不到对应位置，批注在文档开头` : '';
  process.stderr.write(`已写出批注版 ${outPath}：${outcome.comments} 条批注（错误和警告）${where}。\n`);
  return true;
}

/** `check 报告 --summary 汇总.xlsx` (a folder streams its rows: cli/batch-output.ts). */
export async function writeSummary(entries: readonly FolderEntry[], outPath: string): Promise<void> {
  const { writeFile } = await import('node:fs/promises');
  const { renderFolderSummary } = await import('../../checks/format/summary.js');
  await writeFile(outPath, await renderFolderSummary(entries));
  process.stderr.write(`已写出汇总表 ${outPath}：${entries.length} 份报告。\n`);
}
