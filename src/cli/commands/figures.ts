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
    .argument('<报告>', '自评报告（.txt .md .docx .pdf .xlsx）')
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
    ].join('\n'))
    .action(async (path: string, options: FiguresOptions) => {
      process.exitCode = await runFigures(path, options);
    });
}

async function runFigures(path: string, options: FiguresOptions): Promise<number> {
  const { writeFile } = await import('node:fs/promises');
  const { readReportFile } = await import('../../report/parse-report.js');
  const { rubricFromOption } = await import('../rubric-option.js');
  const { matchRubric } = await import('../../rubric/match-rubric.js');
  const { carryForward, figuresFromReport } = await import('../../drafting/workbook/report-to-figures.js');
  const { writeFiguresWorkbook } = await import('../../drafting/workbook/write-workbook.js');
  const parsed = await readReportFile(path);
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
