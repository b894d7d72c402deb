/**
 * `npm run bench`: runs every bench/*-bench.ts in sequence and prints one Markdown document (also written to
 * bench/results.md).
 *
 * Contract for a benchmark file `bench/<concern>-bench.ts`:
 *   export async function run(): Promise<string>
 * It measures one concern and returns a Markdown section: a `### 标题` line, a sentence saying what was measured and on
 * what input, and a table. It must not print (run-all prints), must not assert timings, must finish within about a
 * minute on the 2-core machine, and must release what it opens (servers, databases) before returning.
 * A benchmark that throws is reported as a failed section; the others still run, and run-all exits with code 1.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule { run?: () => Promise<string> }

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('-bench.ts')).sort();
const machine = `Node ${process.version}，${cpus().length} 核（${cpus()[0]?.model.trim() ?? '未知 CPU'}），内存 ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const sections: string[] = [`# selfeval 性能基准`, '', `运行环境：${machine}。`, ''];
let failed = 0;

for (const file of files) {
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as BenchModule;
    if (typeof mod.run !== 'function') throw new Error('没有导出 run(): Promise<string>');
    sections.push((await mod.run()).trim(), '', `_${file}：用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒_`, '');
  } catch (error) {
    failed += 1;
    sections.push(`### ${file}`, '', `运行失败：${error instanceof Error ? error.message : String(error)}`, '');
  }
}

const markdown = `${sections.join('\n').trimEnd()}\n`;
writeFileSync(join(here, 'results.md'), markdown);
process.stdout.write(markdown);
process.exitCode = failed > 0 ? 1 : 0;
