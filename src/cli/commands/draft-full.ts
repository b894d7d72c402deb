/** `selfeval draft 全文`: the whole report from the figures workbook (--figures) or from an existing report (--report). */

export interface FullDraftOptions {
  report?: string;
  figures?: string;
  out?: string;
  format: string;
  rubric?: string;
}

function formatOf(options: FullDraftOptions): 'docx' | 'md' | null {
  if (options.format === 'docx' || options.format === 'md') return options.format;
  if (options.format !== 'text') return null;
  return options.out && /\.md$/iu.test(options.out) ? 'md' : options.out ? 'docx' : 'md';
}

export async function runFullDraft(options: FullDraftOptions): Promise<number> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { rubricFromOption } = await import('../rubric-option.js');
  const { draftFromReport, draftFromWorkbook } = await import('../../drafting/document/draft-full-report.js');
  const format = formatOf(options);
  if (!format) {
    process.stderr.write(`起草全文不支持输出格式“${options.format}”，可用：docx、md。\n`);
    return 2;
  }
  if (!options.figures && !options.report) {
    process.stderr.write('请用 --figures 指定填好的数据表（selfeval template 生成），或用 --report 指定要改写的自评报告。\n');
    return 2;
  }
  if (format === 'docx' && !options.out) {
    process.stderr.write('起草 Word 文档请用 --out 指定输出文件，例如：--out 自评报告.docx（或用 --format md 输出到屏幕）。\n');
    return 2;
  }
  const rubric = await rubricFromOption(options.rubric);
  if (!rubric) return 2;
  let file;
  if (options.figures) {
    const bytes = await readFile(options.figures).catch(() => null);
    if (!bytes) {
      process.stderr.write(`找不到数据表 ${options.figures}。\n`);
      return 2;
    }
    const drafted = await draftFromWorkbook(bytes, rubric, format);
    if (!drafted.ok) {
      process.stderr.write(`数据表有 ${drafted.problems.length} 处需要修改：\n${drafted.problems.map((p) => `  ${p.message}`).join('\n')}\n`);
      return 2;
    }
    file = drafted.file;
  } else {
    const { readReportOrExplain } = await import('../assistant-cli.js');
    const report = await readReportOrExplain(options.report!);
    if (!report) return 2;
    file = await draftFromReport(report, rubric, format);
  }
  for (const note of file.draft.notes) process.stderr.write(`注意：${note}\n`);
  const check = file.draft.selfCheck;
  const summary = `自查：${check.leaves} 项末级指标，总分 ${check.total ?? '（未写明）'}，错误 ${check.errors.length} 个。`;
  if (options.out) {
    await writeFile(options.out, file.bytes);
    process.stdout.write(`已写出 ${options.out}。${summary}\n`);
  } else {
    process.stdout.write(file.bytes.toString('utf8'));
    process.stderr.write(`${summary}\n`);
  }
  return check.errors.length > 0 || check.mismatches.length > 0 ? 1 : 0;
}
