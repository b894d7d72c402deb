import type { Command } from 'commander';

interface TemplateOptions {
  out: string;
  rubric?: string;
}

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('生成“年度数据表”模板（.xlsx）：基本情况、收支、预算执行、项目、指标得分、加减分，填好后用 draft 全文 起草报告')
    .option('-o, --out <文件>', '写出的模板文件', '数据.xlsx')
    .option('-r, --rubric <文件>', '评分细则文件（YAML 或 JSON），其指标体系写入“指标得分”表；默认使用内置的乐昌 2024 指标体系')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', ['', '示例：', '  selfeval template --out 数据.xlsx', '  selfeval template --rubric 我市评分细则.yaml --out 数据.xlsx'].join('\n'))
    .action(async (options: TemplateOptions) => {
      process.exitCode = await runTemplate(options);
    });
}

async function runTemplate(options: TemplateOptions): Promise<number> {
  const { writeFile } = await import('node:fs/promises');
  const { rubricFromOption } = await import('../rubric-option.js');
  const { templateData } = await import('../../drafting/workbook/template-data.js');
  const { writeFiguresWorkbook } = await import('../../drafting/workbook/write-workbook.js');
  const rubric = await rubricFromOption(options.rubric);
  if (!rubric) return 2;
  const data = templateData(rubric);
  await writeFile(options.out, await writeFiguresWorkbook(data));
  process.stdout.write(`已写出模板 ${options.out}：6 张工作表，“指标得分”表列出 ${data.indicators.length} 项指标（${rubric.name}）。填好后运行：selfeval draft 全文 --figures ${options.out} --out 自评报告.docx\n`);
  return 0;
}
