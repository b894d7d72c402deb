import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { chunkFile } from '../../src/knowledge/chunk.ts';
import { chunkMarkdown } from '../../src/knowledge/chunk-markdown.ts';
import { CHUNK_MAX } from '../../src/knowledge/chunk-pack.ts';
import { SAMPLE_REPORT_PATH, readSampleReportText } from '../helpers/sample-report.ts';

/** Compare modulo spacing and punctuation width (the parser normalises "," to "，" and drops spaces around numbers). */
const compact = (s: string) => s.replace(/[\s\p{P}]+/gu, '');

describe('chunking the sample report', async () => {
  const result = await chunkFile(SAMPLE_REPORT_PATH, readFileSync(SAMPLE_REPORT_PATH));
  if (!result.ok) throw new Error(result.message);
  const { document } = result;
  const lines = readSampleReportText().split('\n');

  it('is a report of 乐昌市政务服务和数据管理局 for 2024 with its scored indicators', () => {
    expect(document.kind).toBe('report');
    expect(document.department).toBe('乐昌市政务服务和数据管理局');
    expect(document.year).toBe(2024);
    const procurement = document.indicators.find((i) => i.name === '政府采购执行率');
    expect(procurement).toMatchObject({ weight: 2, score: 0, assessed: true, line: 123 });
  });

  it('cites the 政府采购执行率 paragraph at line 125 under its section path', () => {
    const chunk = document.chunks.find((c) => c.text.includes('60.68'));
    expect(chunk).toBeDefined();
    expect(chunk!.lineStart).toBe(125);
    expect(chunk!.lineEnd).toBe(125);
    expect(chunk!.sectionPath.at(-1)).toMatch(/^政府采购执行率/);
    expect(compact(lines[124]!)).toContain(compact(chunk!.text).slice(0, 30));
  });

  it('never mixes two sections in one chunk, and every chunk starts on the line it says', () => {
    for (const chunk of document.chunks) {
      expect(chunk.lineStart).toBeLessThanOrEqual(chunk.lineEnd);
      const firstLine = compact(lines[chunk.lineStart - 1]!);
      expect(firstLine).toContain(compact(chunk.text.split('\n')[0]!).slice(0, 8));
      expect(chunk.text.length).toBeLessThanOrEqual(CHUNK_MAX + 150);
    }
    const paths = new Set(document.chunks.map((c) => c.sectionPath.join('/')));
    expect(paths.size).toBeGreaterThan(30);
  });

  it('splits a long section on sentence ends with a little overlap', () => {
    const long = document.chunks.filter((c) => c.sectionPath.at(-1)?.startsWith('建强用好信息综合平台'));
    expect(long.length).toBeGreaterThanOrEqual(2);
    const [first, second] = long;
    expect(first!.text).toMatch(/[。！？；]$/u);
    const lastSentence = first!.text.split(/(?<=[。！？；])/u).at(-1)!;
    expect(second!.text.startsWith(lastSentence)).toBe(true);
  });
});

describe('chunking Markdown guides', () => {
  const guide = [
    '# 政府采购执行率', // line 1: title
    '',
    '## 计算公式', // 3
    '',
    '政府采购执行率 = 实际政府采购金额 ÷ 政府采购预算数 × 100%', // 5
    '',
    '## 评分', // 7
    '',
    '### 样例', // 9
    '',
    '| 项目 | 预算（万元） | 实际（万元） |', // 11
    '| --- | ---: | ---: |',
    ...Array.from({ length: 40 }, (_, i) => `| 采购批次${i + 1}：监控点位及专线服务 | ${(60 + i).toFixed(2)} | ${(65 + i).toFixed(2)} |`),
    '',
    '```',
    '# 这不是标题',
    '```',
  ].join('\n');

  it('uses the first # heading as the title and the rest as section paths with their lines', () => {
    const { title, chunks } = chunkMarkdown(guide);
    expect(title).toBe('政府采购执行率');
    expect(chunks[0]).toMatchObject({ sectionPath: ['计算公式'], lineStart: 5, lineEnd: 5 });
    expect(chunks.some((c) => c.sectionPath.join('/') === '评分/样例')).toBe(true);
    expect(chunks.some((c) => c.sectionPath.includes('这不是标题'))).toBe(false);
  });

  it('keeps table rows whole and repeats the header row in every table chunk', () => {
    const tables = chunkMarkdown(guide).chunks.filter((c) => c.text.startsWith('| 项目 |'));
    expect(tables.length).toBeGreaterThan(1);
    let rows = 0;
    for (const chunk of tables) {
      const lines = chunk.text.split('\n');
      expect(lines[0]).toBe('| 项目 | 预算（万元） | 实际（万元） |');
      expect(lines[1]).toBe('| --- | ---: | ---: |');
      for (const row of lines.slice(2)) expect(row).toMatch(/^\| 采购批次\d+：监控点位及专线服务 \| \d+\.\d{2} \| \d+\.\d{2} \|$/);
      rows += lines.length - 2;
    }
    expect(rows).toBe(40);
    expect(tables[0]!.lineStart).toBe(11);
    expect(tables.at(-1)!.lineEnd).toBe(52);
  });

  it('reads a front-matter title', () => {
    const { title, chunks } = chunkMarkdown('---\ntitle: 术语表\n---\n\n## 结转\n\n上年未用完、按规定留到下年继续使用的资金。\n');
    expect(title).toBe('术语表');
    expect(chunks[0]).toMatchObject({ sectionPath: ['结转'], lineStart: 7 });
  });
});

describe('files that are not reports', () => {
  it('chunks plain text along its 一、/（一） outline', async () => {
    const text = '关于加强预算执行管理的通知\n\n一、总体要求\n\n各单位要加快预算执行进度。\n\n二、具体措施\n\n（一）按月通报\n\n财政部门按月通报支出进度。\n';
    const result = await chunkFile('通知.txt', Buffer.from(text));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.kind).toBe('document');
    expect(result.document.title).toBe('关于加强预算执行管理的通知');
    const chunk = result.document.chunks.find((c) => c.text.includes('按月通报支出进度'));
    expect(chunk).toMatchObject({ lineStart: 11, lineEnd: 11 });
    expect(chunk!.sectionPath).toEqual(['具体措施', '按月通报']);
  });

  it('explains in Chinese why a file cannot be read', async () => {
    const binary = await chunkFile('a.txt', new Uint8Array([0, 1, 2, 3, 0, 0]));
    expect(binary).toMatchObject({ ok: false });
    expect(binary.ok ? '' : binary.message).toMatch(/[\u4e00-\u9fa5]/u);
    const unknown = await chunkFile('a.doc', Buffer.from('x'));
    expect(unknown.ok ? '' : unknown.message).toContain('.doc');
  });
});

describe('chunkFile reads through the same document readers as check', () => {
  it('a .docx report whose scores are in a table is ingested as a report with its indicators', async () => {
    const { INPUT_PROCESS_TABLE, toDocx } = await import('../helpers/report-fixtures.ts');
    const bytes = await toDocx(['某县某某服务中心2024年度部门整体支出绩效自评报告', { table: INPUT_PROCESS_TABLE }]);
    const result = await chunkFile('报告.docx', bytes);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.kind).toBe('report');
    expect(result.document.indicators.length).toBeGreaterThan(3);
  });

  it('a decompression bomb is refused with one Chinese sentence, not inflated', async () => {
    const { buildZipBomb } = await import('../helpers/document-fixtures.ts');
    const result = await chunkFile('炸弹.docx', await buildZipBomb({ megabytes: 120 }));
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('压缩炸弹') });
  });
});
