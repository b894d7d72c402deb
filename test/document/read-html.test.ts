import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Document, TableBlock } from '../../src/model/index.js';

/** A report published on a government portal (saved page) and a Word file saved as a web page. */

const PORTAL = `<!DOCTYPE html><html><head><meta charset="gb2312"><title>某局2024年度部门整体支出绩效自评报告</title>
<script>var nav = "首页";</script><style>.x{}</style></head><body>
<div class="top-bar"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>
<nav><ul><li>机构概况</li><li>政策文件</li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 财政预决算</div>
<div class="main"><div class="TRS_Editor">
<h1>某局2024年度部门整体支出绩效自评报告</h1>
<p>一、部门基本情况</p>
<p style="text-align:justify">本部门2024年度预算执行率为96.35%，<br>自评得分93.5分。</p>
<table border="1">
<thead><tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>分值</th><th>自评得分</th></tr></thead>
<tbody>
<tr><td rowspan="2">投入</td><td>预算编制</td><td>预算编制科学性</td><td>5</td><td>5</td></tr>
<tr><td>预算执行</td><td>预算执行率</td><td>5</td><td>4.5</td></tr>
<tr><td colspan="3">合计</td><td>10</td><td>9.5</td></tr>
</tbody></table>
<p>二、存在问题</p>
</div></div>
<div id="footer"><p>主办单位：某市人民政府办公室 版权所有</p><p>网站标识码 4400000000</p></div>
</body></html>`;

function encodeGbk(text: string): Uint8Array {
  // the page declares gb2312; TextDecoder reads gb18030, so write its bytes with a round trip through iconv-lite
  return new Uint8Array(iconv.encode(text, 'gb18030'));
}

async function read(name: string, bytes: Uint8Array): Promise<Document> {
  const result = await readDocument(name, bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

describe('html: a saved portal page', () => {
  it('keeps the article (title, paragraphs, table) and leaves out navigation, breadcrumbs, scripts and footer', async () => {
    const document = await read('自评报告.htm', encodeGbk(PORTAL));
    expect(document.format).toBe('html');
    expect(document.encoding).toBe('gb18030');
    const text = document.lines.join('\n');
    for (const furniture of ['政务公开', '机构概况', '当前位置', 'var nav', '版权所有', '网站标识码']) expect(text).not.toContain(furniture);
    expect(document.blocks[0]).toMatchObject({ kind: 'heading', level: 1, text: '某局2024年度部门整体支出绩效自评报告' });
    expect(document.blocks.filter((b) => b.kind === 'paragraph').map((b) => ('text' in b ? b.text : ''))).toEqual([
      '一、部门基本情况', '本部门2024年度预算执行率为96.35%，', '自评得分93.5分。', '二、存在问题',
    ]);
  });

  it('resolves rowspan and colspan: covered cells copy the master with merged, every row as wide as the table', async () => {
    const document = await read('自评报告.html', new TextEncoder().encode(PORTAL.replace('gb2312', 'utf-8')));
    const table = document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows.map((r) => r.map((c) => `${c.merged ? '^' : ''}${c.text}`))).toEqual([
      ['一级指标', '二级指标', '三级指标', '分值', '自评得分'],
      ['投入', '预算编制', '预算编制科学性', '5', '5'],
      ['^投入', '预算执行', '预算执行率', '5', '4.5'],
      ['合计', '^合计', '^合计', '10', '9.5'],
    ]);
    expect(table.rows[2]![0]!.location).toEqual({ table: 1, row: 3, column: 1 });
  });

  it('a page without a marked article reads its body; a hostile span is capped', async () => {
    const document = await read('a.html', new TextEncoder().encode('<p>自评得分90分</p><table><tr><td colspan="999999">甲</td></tr><tr><td>乙</td></tr></table>'));
    expect(document.lines[0]).toBe('自评得分90分');
    const table = document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows[0]!.length).toBeLessThanOrEqual(256);
  });
});
