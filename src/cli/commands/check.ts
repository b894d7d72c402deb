import { mkdir, readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Command } from 'commander';
import { READABLE_LIST, isReadableName } from '../../document/read-document.js';
import type { CheckResult } from '../../checks/format/check-result.js';
import type { OutputFormat } from '../../checks/format/render-check-result.js';
import type { Rubric } from '../../model/index.js';

/**
 * The checking modules (rules, readers, rubric, formatters) load when a check runs, not when the command line is
 * built for --help. The formats listed in the help; runCheck validates against the formatter's own list.
 */
const FORMATS_IN_HELP = ['text', 'json', 'markdown'] as const satisfies readonly OutputFormat[];
const formats = () => import('../../checks/format/render-check-result.js');


/** Why a folder entry is not checked (undefined: it is a report file to check). */
function skipReason(entry: { name: string; isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): string | undefined {
  if (entry.isDirectory()) return '是子文件夹（只检查这一层的文件，不进入子文件夹）';
  if (!entry.isFile()) return entry.isSymbolicLink() ? '是链接，不跟随' : '不是普通文件';
  if (/^~\$/u.test(entry.name)) return 'Word / Excel 打开文件时留下的临时文件';
  if (entry.name.startsWith('.')) return '隐藏文件';
  const extension = extname(entry.name).toLowerCase();
  if (!isReadableName(entry.name)) return `${extension ? `“${extension}”` : '没有扩展名，'}不是支持的报告格式（${READABLE_LIST}）`;
  return undefined;
}

/** Exit codes: 0 = no error finding, 1 = at least one error finding, 2 = input unusable. */
export const EXIT = { clean: 0, errors: 1, unusable: 2 } as const;

interface CheckOptions {
  format?: string;
  rubric?: string;
  annotate?: string;
  summary?: string;
  jobs?: string;
  accounts?: string;
}

const checkFile = async (path: string, rubric: Rubric) => (await import('../check-file.js')).checkFile(path, rubric);

function hasErrors(result: CheckResult): boolean {
  return result.findings.some((f) => f.severity === 'error');
}

/** Worker threads for a folder: --jobs, else one per core; never more than the files. */
function jobsOf(option: string | undefined, files: number): number | string {
  if (option === undefined) return Math.min(availableParallelism(), files);
  const jobs = Number(option);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) return `--jobs 应为 1 到 256 之间的整数，收到“${option}”。`;
  return Math.min(jobs, files);
}

async function checkFolder(dir: string, rubric: Rubric, format: OutputFormat, options: CheckOptions = {}): Promise<number> {
  const all = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const names: string[] = [];
  const skipped: { name: string; why: string }[] = [];
  for (const entry of all) {
    const why = skipReason(entry);
    if (why) skipped.push({ name: entry.name, why });
    else names.push(entry.name);
  }
  if (skipped.length > 0) {
    process.stderr.write(`跳过 ${skipped.length} 项：\n${skipped.map((f) => `  ${f.name}：${f.why}`).join('\n')}\n`);
  }
  if (names.length === 0) {
    process.stderr.write(`文件夹 ${dir} 中没有可检查的报告文件（${READABLE_LIST}）。\n`);
    return EXIT.unusable;
  }
  const jobs = jobsOf(options.jobs, names.length);
  if (typeof jobs === 'string') {
    process.stderr.write(`${jobs}\n`);
    return EXIT.unusable;
  }
  if (options.annotate) await mkdir(options.annotate, { recursive: true });
  const cliProgress = process.stderr.isTTY ? (await import('cli-progress')).default : null;
  const bar = cliProgress
    ? new cliProgress.SingleBar({ stream: process.stderr, format: '检查中 [{bar}] {value}/{total} {file}', hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(names.length, 0, { file: '' });
  // Every core checks files (worker threads); rows come back in file order and go straight to stdout and the summary.
  const [{ runBatch }, { BatchOutput }] = await Promise.all([import('../batch-pool.js'), import('../batch-output.js')]);
  const output = new BatchOutput(format, process.stdout, options.summary !== undefined);
  await runBatch({
    dir, files: names, jobs, rubric, ...(options.rubric ? { rubricPath: options.rubric } : {}),
    needs: { format, summary: options.summary !== undefined, ...(options.annotate ? { annotateDir: options.annotate } : {}) },
    onRow: async (row) => {
      await output.add(row);
      if (bar) bar.update(row.index + 1, { file: row.file });
      else process.stderr.write(`已检查 ${row.index + 1}/${names.length}：${row.file}\n`);
    },
  });
  bar?.stop();
  await output.finish(options.summary);
  if (options.summary) process.stderr.write(`已写出汇总表 ${options.summary}：${names.length} 份报告。\n`);
  if (output.checkedCount === 0) return EXIT.unusable;
  return output.failed ? EXIT.errors : EXIT.clean;
}

async function runCheck(path: string | undefined, options: CheckOptions): Promise<number> {
  if (!path) {
    process.stderr.write('请给出要检查的报告文件或文件夹，例如：selfeval check 报告.txt\n');
    return EXIT.unusable;
  }
  const [{ OUTPUT_FORMATS, renderCheckResult }, { loadRubric, RubricError }] = await Promise.all([formats(), import('../../rubric/load-rubric.js')]);
  const format = (options.format ?? 'text') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) {
    process.stderr.write(`不支持输出格式“${options.format}”，可用：${OUTPUT_FORMATS.join('、')}。\n`);
    return EXIT.unusable;
  }
  let rubric: Rubric;
  try {
    rubric = await loadRubric(options.rubric);
  } catch (error) {
    if (!(error instanceof RubricError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.unusable;
  }
  const info = await stat(path).catch(() => null);
  if (info?.isDirectory() && options.accounts) {
    process.stderr.write('--accounts 只用于检查单份报告：请逐份给出报告和它的部门决算。\n');
    return EXIT.unusable;
  }
  if (info?.isDirectory()) return checkFolder(path, rubric, format, options);
  const outcome = await checkFile(path, rubric);
  if (!outcome.ok) {
    process.stderr.write(`${outcome.message}\n`);
    return EXIT.unusable;
  }
  if (options.accounts) {
    const added = await (await import('../../accounts/read-accounts-file.js')).accountsFindings(outcome.result.report, options.accounts);
    if (typeof added === 'string') {
      process.stderr.write(`${added}\n`);
      return EXIT.unusable;
    }
    outcome.result.findings.push(...added);
  }
  process.stdout.write(renderCheckResult(outcome.result, format));
  if (options.annotate) await (await import('./check-outputs.js')).writeAnnotated(path, outcome.result, options.annotate);
  if (options.summary) await (await import('./check-outputs.js')).writeSummary([{ file: basename(path), result: outcome.result }], options.summary);
  return hasErrors(outcome.result) ? EXIT.errors : EXIT.clean;
}

export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('检查自评报告中的数字：得分与分值、分值与总分、增减幅度、比率、前后一致性')
    .argument('[路径]', `报告文件（${READABLE_LIST}），或包含多份报告的文件夹`)
    .option('-f, --format <格式>', `输出格式：${FORMATS_IN_HELP.join('、')}（默认 text）`, 'text')
    .option('-r, --rubric <文件>', '评分细则文件（YAML 或 JSON），指定后一律按它检查；默认按报告的指标自动选用内置细则（乐昌 2024、财预〔2013〕53号框架），都不相符时按报告自带的评分标准检查')
    .option('--annotate <文件>', '写出批注版：在报告原文的对应句子或表格单元格加 Word 批注（.txt/.pdf 转为 .docx；.xlsx 加单元格批注）；检查文件夹时为输出目录')
    .option('-j, --jobs <数量>', '检查文件夹时同时检查的报告数（工作线程数），默认为本机的 CPU 核数；1 = 逐个检查')
    .option('--accounts <文件>', '同年度的部门决算（.pdf .xlsx .xls）：逐项核对报告中的金额（总收入、总支出、基本支出、项目支出、三公经费、结转结余、政府采购、机关运行经费等）与决算是否一致，并核对决算自身的表间关系（只用于单份报告）')
    .option('--summary <文件>', '写出汇总表（.xlsx）：每份报告一行（单位、年度、自评总分、复算总分、错误/警告数、最严重的问题），另一张表列出全部问题')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '退出码：0 = 没有“错误”级别的问题；1 = 至少有一条“错误”；2 = 输入无法使用（文件不存在、为空、格式不支持等）。',
      '检查文件夹时用本机的全部 CPU 核并行检查其中的报告文件（--jobs 可改），在标准错误输出显示进度，按文件名顺序输出汇总表。',
      '',
      '示例：',
      '  selfeval check 报告.txt',
      '  selfeval check 报告.docx --format json',
      '  selfeval check 自评报告.docx --accounts 部门决算.pdf',
      '  selfeval check 报告文件夹/ --format markdown',
      '  selfeval check 报告.pdf --rubric 我市评分细则.yaml',
      '  selfeval check 报告.docx --annotate 批注版.docx',
      '  selfeval check 报告文件夹/ --summary 汇总.xlsx',
    ].join('\n'))
    .action(async (path: string | undefined, options: CheckOptions) => {
      process.exitCode = await runCheck(path, options);
    });
}
