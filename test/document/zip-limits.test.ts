import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import { checkZipLimits, readCentralDirectory, ZIP_LIMITS } from '../../src/document/zip-limits.js';
import { buildDocx, buildXlsx, buildZip, buildZipBomb, zipOf } from '../helpers/document-fixtures.js';

describe('zip limits: hostile .docx/.xlsx are refused before or while inflating', () => {
  it('a 200 MB-expanding docx (under 1 MB on disk) is refused from its directory, fast and without memory', async () => {
    const bomb = await buildZipBomb({ megabytes: 200 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await readDocument('炸弹.docx', bomb);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
    expect(result).toEqual({ ok: false, problem: { code: 'zip-bomb', message: '文件解压后过大（约 200 MB），疑似压缩炸弹，已拒绝读取。' } });
  });

  it('a bomb whose directory understates its size is stopped at the declared size while inflating', async () => {
    const forged = await buildZipBomb({ megabytes: 50, declaredMegabytes: 0.5 });
    const directory = readCentralDirectory(forged);
    expect(directory.ok && directory.entries.find((e) => e.name === 'word/document.xml')?.uncompressedSize).toBe(512 * 1024);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = await readDocument('伪装.docx', forged);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
    expect(result).toMatchObject({ ok: false, problem: { code: 'zip-bomb' } });
  });

  it('the same forged directory in an xlsx is caught too', async () => {
    const workbook = await buildXlsx([{ name: '表', rows: [['指标', '得分'], ['预算执行率', 5]] }]);
    const directory = readCentralDirectory(workbook);
    if (!directory.ok) throw new Error('not a zip');
    // re-pack the workbook with the sheet's declared size cut to 10 bytes
    const { inflateRawSync } = await import('node:zlib');
    const entries = directory.entries.map((entry) => {
      const view = new DataView(workbook.buffer, workbook.byteOffset);
      const start = entry.localHeaderOffset + 30 + view.getUint16(entry.localHeaderOffset + 26, true) + view.getUint16(entry.localHeaderOffset + 28, true);
      const data = entry.method === 8 ? inflateRawSync(workbook.subarray(start, start + entry.compressedSize)) : workbook.subarray(start, start + entry.compressedSize);
      return { name: entry.name, data: new Uint8Array(data), ...(entry.name.includes('worksheets/') ? { declaredSize: 10 } : {}) };
    });
    expect(await readDocument('a.xlsx', zipOf(entries))).toMatchObject({ ok: false, problem: { code: 'zip-bomb' } });
    expect((await readDocument('a.xlsx', workbook)).ok).toBe(true);
  });

  it('one entry compressed more than 100× past 1 MB is refused; the same data under 1 MB is not', () => {
    const zeros = (n: number) => new Uint8Array(n);
    expect(checkZipLimits(zipOf([{ name: 'word/document.xml', data: zeros(2 * 1024 * 1024) }]), 'Word')).toMatchObject({ ok: false, problem: { code: 'zip-bomb' } });
    expect(checkZipLimits(zipOf([{ name: 'word/document.xml', data: zeros(900 * 1024) }]), 'Word').ok).toBe(true);
  });

  it('more than 10,000 entries are refused', () => {
    const tiny = { compressed: new Uint8Array([3, 0]), size: 0, crc: 0 };
    const many = buildZip(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `f${i}`, ...tiny })));
    expect(checkZipLimits(many, 'Word')).toMatchObject({ ok: false, problem: { code: 'zip-bomb' } });
  });

  it('zip64 markers are refused; a file that is not a zip is corrupt', () => {
    const zip = zipOf([{ name: 'a.xml', data: new TextEncoder().encode('<a/>') }]);
    const zip64 = new Uint8Array(zip);
    new DataView(zip64.buffer).setUint32(zip64.length - 22 + 16, 0xffffffff, true); // directory offset → zip64 marker
    expect(checkZipLimits(zip64, 'Word')).toMatchObject({ ok: false, problem: { code: 'zip-bomb' } });
    expect(checkZipLimits(new TextEncoder().encode('只是一段文字'.repeat(10)), 'Word（.docx）'))
      .toMatchObject({ ok: false, problem: { code: 'corrupt-file', message: expect.stringContaining('Word（.docx）') } });
  });

  it('a normal docx passes the limits and is read', async () => {
    const bytes = await buildDocx({ blocks: [{ paragraph: '正常的报告正文。' }] });
    expect(checkZipLimits(bytes, 'Word').ok).toBe(true);
    expect(await readDocument('a.docx', bytes)).toMatchObject({ ok: true, document: { lines: ['正常的报告正文。'] } });
  });
});
