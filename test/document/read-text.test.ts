import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import { MAX_REPORT_BYTES } from '../../src/document/problems.js';
import type { Document } from '../../src/model/index.js';
import { readSampleReportText } from '../helpers/sample-report.js';
import { toGb18030, withUtf8Bom } from '../helpers/report-variants.js';

async function documentOf(name: string, bytes: Uint8Array): Promise<Document> {
  const result = await readDocument(name, bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

async function problemOf(name: string, bytes: Uint8Array) {
  const result = await readDocument(name, bytes);
  if (result.ok) throw new Error('read');
  expect(result.problem.message).toMatch(/[\u4e00-\u9fff].*[。）]$/u);
  return result.problem;
}

const sample = readSampleReportText();
const encode = (text: string) => new TextEncoder().encode(text);

describe('text reports: the line view is exactly the file', () => {
  it('the sample .txt gives exactly its lines, and one paragraph per non-blank line pointing at it', async () => {
    const document = await documentOf('reports/lechang.txt', encode(sample));
    expect(document).toMatchObject({ name: 'lechang.txt', format: 'txt', encoding: 'utf-8' });
    expect(document.lines).toEqual(sample.split('\n'));
    expect(document.lineLocations).toEqual(document.lines.map((_, i) => ({ line: i + 1 })));
    const nonBlank = sample.split('\n').map((text, i) => ({ text: text.trim(), line: i + 1 })).filter((l) => l.text !== '');
    expect(document.blocks.map((b) => (b.kind === 'paragraph' ? { text: b.text, line: b.line } : null))).toEqual(nonBlank);
    for (const block of document.blocks) expect(block.location).toEqual({ line: block.line });
  });

  it('GB18030 (detected), UTF-8 with BOM and CRLF give the same lines', async () => {
    const gb = await documentOf('a.txt', toGb18030(sample));
    expect(gb.encoding).toBe('gb18030');
    expect(gb.lines).toEqual(sample.split('\n'));
    const bom = await documentOf('a.md', withUtf8Bom(sample));
    expect(bom).toMatchObject({ encoding: 'utf-8-bom', format: 'md' });
    expect(bom.lines).toEqual(sample.split('\n'));
  });

  it('a lone CR ends a line too, and no line keeps a CR', async () => {
    const document = await documentOf('a.txt', encode('第一行\r第二行\r\n第三行\n'));
    expect(document.lines).toEqual(['第一行', '第二行', '第三行', '']);
  });

  it('markdown pipe tables become table blocks with each cell on its own file line', async () => {
    const text = [
      '# 自评表',
      '',
      '| 一级指标 | 三级指标 | 分值 | 得分 |',
      '| --- | :---: | ---: | --- |',
      '| 投入 | 预算编制科学性 | 5 | 4.5 |',
      '| 产出 | 数量 \\| 质量 | 10 |',
      '',
      '合计得分 14.5 分。',
    ].join('\n');
    const document = await documentOf('a.md', encode(text));
    expect(document.lines).toEqual(text.split('\n'));
    const [heading, table, after] = document.blocks;
    expect(heading).toMatchObject({ kind: 'paragraph', text: '# 自评表', line: 1 });
    expect(after).toMatchObject({ kind: 'paragraph', text: '合计得分 14.5 分。', line: 8 });
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table).toMatchObject({ line: 3, name: null, location: { line: 3, table: 1 } });
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['一级指标', '三级指标', '分值', '得分'],
      ['投入', '预算编制科学性', '5', '4.5'],
      ['产出', '数量 | 质量', '10', ''], // a short row is padded; an escaped pipe stays in its cell
    ]);
    expect(table.rows[2]![1]!.location).toEqual({ line: 6, table: 1, row: 3, column: 2 });
  });

  it('tab-separated lines pasted from a spreadsheet become a table; a single tabbed line stays a paragraph', async () => {
    const text = ['自评表', '一级指标\t三级指标\t分值\t得分', '投入\t预算编制科学性\t5\t4.5', '产出\t完成率\t10', '', '说明\t见附件\t第3页'].join('\n');
    const document = await documentOf('a.txt', encode(text));
    expect(document.lines).toEqual(text.split('\n'));
    expect(document.blocks.map((b) => [b.kind, b.line])).toEqual([['paragraph', 1], ['table', 2], ['paragraph', 6]]);
    const table = document.blocks[1];
    if (table?.kind !== 'table') throw new Error('no table');
    expect(table.rows.map((r) => r.map((c) => c.text))).toEqual([
      ['一级指标', '三级指标', '分值', '得分'], ['投入', '预算编制科学性', '5', '4.5'], ['产出', '完成率', '10', ''],
    ]);
    expect(table.rows[2]![2]!.location).toEqual({ line: 4, table: 1, row: 3, column: 3 });
  });

  it('a pipe in running text without a delimiter row stays a paragraph', async () => {
    const document = await documentOf('a.txt', encode('收入 | 支出\n合计 | 100\n'));
    expect(document.blocks.map((b) => b.kind)).toEqual(['paragraph', 'paragraph']);
  });
});

describe('bad input: one Chinese sentence with the same codes as before', () => {
  it('empty, whitespace-only and binary files', async () => {
    expect((await problemOf('a.txt', new Uint8Array())).code).toBe('empty-file');
    expect((await problemOf('a.txt', encode(' \n\t\r\n'))).code).toBe('empty-file');
    expect((await problemOf('a.txt', new Uint8Array(4096).map((_, i) => (i * 37) % 256))).code).toBe('binary-file');
  });

  it('unknown, legacy and missing extensions', async () => {
    expect((await problemOf('a.pages', new Uint8Array([1]))).message).toContain('.pages');
    expect((await problemOf('a.DOC', new Uint8Array([1]))).code).toBe('legacy-doc');
    expect((await problemOf('a.xls', new Uint8Array([1]))).code).toBe('legacy-xls');
    expect((await problemOf('README', new Uint8Array([1]))).message).toContain('无扩展名');
  });

  it('too large', async () => {
    const problem = await problemOf('a.txt', new Uint8Array(MAX_REPORT_BYTES + 1).fill(0x41));
    expect(problem.code).toBe('file-too-large');
  });

  it('corrupt packages and PDFs', async () => {
    const garbage = encode('这不是一个压缩包，也不是PDF文件。'.repeat(20));
    expect(await problemOf('a.docx', garbage)).toMatchObject({ code: 'corrupt-file', message: expect.stringContaining('Word') });
    expect(await problemOf('a.xlsx', garbage)).toMatchObject({ code: 'corrupt-file', message: expect.stringContaining('Excel') });
    expect(await problemOf('a.pdf', garbage)).toMatchObject({ code: 'corrupt-file', message: expect.stringContaining('PDF') });
  });
});
