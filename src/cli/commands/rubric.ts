import type { Command } from 'commander';

interface ImportOptions {
  out?: string;
}

export function registerRubric(program: Command): void {
  const rubric = program
    .command('rubric')
    .description('评分细则：把当地的指标体系 / 评分细则表导入为 --rubric 可用的文件')
    .helpOption('-h, --help', '显示帮助');
  rubric
    .command('import')
    .description('读取评分细则表（指标、分值、评分标准），写出评分细则文件（YAML）')
    .argument('<文件>', '评分细则表（.xlsx .docx .pdf .md .txt）')
    .option('-o, --out <文件>', '写出的评分细则文件（.yaml）；不给时输出到屏幕')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '每项指标的评分标准原文和所在单元格都写进文件；能计算的标准（如“≤100%得满分；每超1个百分点扣0.5分”）转为规则，',
      '无法计算的（如“根据履职效果酌情评分”）记为 unknown 并保留原文。之后用 selfeval check 报告 --rubric 文件 按它检查。',
      '',
      '示例：',
      '  selfeval rubric import 评分细则.xlsx --out 本地细则.yaml',
      '  selfeval check 报告.docx --rubric 本地细则.yaml',
    ].join('\n'))
    .action(async (path: string, options: ImportOptions) => {
      process.exitCode = await runImport(path, options);
    });
}

async function runImport(path: string, options: ImportOptions): Promise<number> {
  const { readFile, writeFile } = await import('node:fs/promises');
  const { readDocument } = await import('../../document/read-document.js');
  const { importRubric, rubricYaml } = await import('../../rubric/import-rubric.js');
  const { parseRubricText } = await import('../../rubric/load-rubric.js');
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    process.stderr.write(missing ? `找不到文件：${path}。\n` : `无法读取文件：${path}。\n`);
    return 2;
  }
  const read = await readDocument(path, bytes);
  if (!read.ok) {
    process.stderr.write(`${read.problem.message}\n`);
    return 2;
  }
  const imported = importRubric(read.document);
  if (!imported.ok) {
    process.stderr.write(`${imported.message}\n`);
    return 2;
  }
  const yaml = rubricYaml(imported.rubric, read.document.name);
  const check = parseRubricText(yaml, options.out ?? 'rubric.yaml');
  if (!check.ok) {
    process.stderr.write(`${check.message}\n`);
    return 2;
  }
  if (!options.out) {
    process.stdout.write(yaml);
    return 0;
  }
  await writeFile(options.out, yaml);
  process.stdout.write(`已写出 ${options.out}：${imported.rubric.name}，总分 ${imported.rubric.total} 分，${imported.rules} 条评分标准，其中 ${imported.computable} 条可以自动计算，其余记为 unknown（保留原文）。\n`);
  return 0;
}
