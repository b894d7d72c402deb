import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../../src/cli/batch-pool.ts';
import type { BatchRow } from '../../src/cli/batch-row.ts';
import { loadRubric } from '../../src/rubric/load-rubric.ts';
import { readSampleReportText } from '../helpers/sample-report.ts';

describe('folder check pool: a file that ends its worker', () => {
  it('reports that file, checks the files queued behind it on a fresh worker, and keeps file order', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'selfeval-pool-crash-'));
    const sample = readSampleReportText();
    // A report far larger than a small heap ceiling allows to parse: the worker holding it dies on it.
    const names = ['a.txt', 'b.txt', 'huge.txt', 'c.txt', 'd.txt', 'e.txt'];
    for (const name of names) writeFileSync(join(folder, name), name === 'huge.txt' ? `${sample}\n`.repeat(400) : sample);
    const rows: BatchRow[] = [];
    await runBatch({
      files: names, dir: folder, jobs: 2, rubric: await loadRubric(), needs: { format: 'json', summary: false },
      workerMemoryMb: 48,
      onRow: (row) => void rows.push(row),
    });
    expect(rows.map((r) => r.file)).toEqual(names);
    const huge = rows.find((r) => r.file === 'huge.txt')!;
    expect(huge.checked).toBe(false);
    expect(huge.json).toContain('超出内存上限或意外中止');
    for (const row of rows.filter((r) => r.file !== 'huge.txt')) expect(row.checked).toBe(true);
  }, 120_000);
});
