import type { Command } from 'commander';

interface FiguresOptions {
  out: string;
  rubric?: string;
  nextYear?: boolean;
}

export function registerFigures(program: Command): void {
  program
    .command('figures')
    .description('从已有的自评报告提取数据，填入“年度数据表”（.xlsx）')
    .argument('<报告>', '自评报告（.txt .md .docx .pdf .xlsx），或同年度的部门决算（.pdf .xlsx）')
    .option('-o, --out <文件>', '写出的数据表', '数据.xlsx')
    .option('-r, --rubric <文件>', '评分细则文件（YAML 或 JSON）；默认使用内置的乐昌 2024 指标体系')
    .option('--next-year', '作为下一年度的起点：报告的数字移入“上年数”列，年度加一，得分清空')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '只填报告里写明的数字，不推算、不编造；报告没有写的单元格留空。',
      '',
      '示例：',
      '  selfeval figures 2024年自评报告.docx --out 数据.xlsx',
      '  selfeval figures 2024年自评报告.docx --next-year --out 2025数据.xlsx',
      '  selfeval figures 2024年度部门决算.pdf --out 数据.xlsx',
    ].join('\n'))
    .action(async (path: string, options: FiguresOptions) => {
      process.exitCode = await runFigures(path, options);
    });
}

/** A 部门决算 instead of a report: its income, expenditure, 三公 and execution figures; null when it is not one either. */
async function figuresFromAccountsFile(path: string, options: FiguresOptions): Promise<number | null> {
  const { writeFile } = await import('node:fs/promises');
  const { readAccountsFile } = await import('../../accounts/read-accounts-file.js');
  const accounts = await readAccountsFile(path);
  if (typeof accounts === 'string' || accounts.tables.length < 3) return null;
  const { figuresFromAccounts } = await import('../../drafting/workbook/accounts-to-figures.js');
  const { checkAccounts } = await import('../../accounts/check-accounts.js');
  const { writeFiguresWorkbook } = await import('../../drafting/workbook/write-workbook.js');
  const { rubricFromOption } = await import('../rubric-option.js');
  const { templateData } = await import('../../drafting/workbook/template-data.js');
  const rubric = await rubricFromOption(options.rubric);
  if (!rubric) return 2;
  const data = figuresFromAccounts(accounts, templateData(rubric));
  await writeFile(options.out, await writeFiguresWorkbook(data));
  const own = checkAccounts(accounts).filter((f) => f.severity !== 'info');
  process.stdout.write(
    `已写出 ${options.out}：按部门决算（${accounts.tables.length} 张标准表）填入${data.basics.department || '（单位名称未识别）'} ${data.basics.year ?? ''} 年度的收入、支出、“三公”经费、结转结余和政府采购数字及主要职能，指标按评分细则列出（${data.indicators.length} 行，得分待填）。请填写得分等内容并核对后再起草。\n`,
  );
  for (const finding of own) process.stdout.write(`  ${finding.severity === 'error' ? '错误' : '警告'}：${finding.message}\n`);
  return 0;
}

async function runFigures(path: string, options: FiguresOptions): Promise<number> {
  const { writeFile } = await import('node:fs/promises');
  const { readReportFile } = await import('../../report/parse-report.js');
  const { rubricFromOption } = await import('../rubric-option.js');
  const { matchRubric } = await import('../../rubric/match-rubric.js');
  const { carryForward, figuresFromReport } = await import('../../drafting/workbook/report-to-figures.js');
  const { writeFiguresWorkbook } = await import('../../drafting/workbook/write-workbook.js');
  const parsed = await readReportFile(path);
  if (!parsed.ok && parsed.problems[0]?.code === 'not-a-report') {
    const fromAccounts = await figuresFromAccountsFile(path, options);
    if (fromAccounts !== null) return fromAccounts;
  }
  if (!parsed.ok) {
    process.stderr.write(`${parsed.problems[0]?.message ?? `无法读取 ${path}。`}\n`);
    return 2;
  }
  const rubric = await rubricFromOption(options.rubric);
  if (!rubric) return 2;
  const exported = figuresFromReport(parsed.report, matchRubric(parsed.report, rubric));
  const data = options.nextYear ? carryForward(exported) : exported;
  await writeFile(options.out, await writeFiguresWorkbook(data));
  const scored = data.indicators.filter((r) => r.score !== null).length;
  process.stdout.write(
    `已写出 ${options.out}：${data.basics.department || '（单位名称未识别）'} ${data.basics.year ?? ''} 年度，${data.indicators.length} 项指标${options.nextYear ? '（得分已清空，报告数字在“上年数”列）' : `，其中 ${scored} 项有自评得分`}。请核对后再起草。\n`,
  );
  return 0;
}
