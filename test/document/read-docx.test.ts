import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { Block, Document, TableBlock } from '../../src/model/index.js';
import { chineseCounting } from '../../src/document/docx-numbering.js';
import { buildDocx, wordPackage, zipOf } from '../helpers/document-fixtures.js';

async function documentOf(bytes: Uint8Array): Promise<Document> {
  const result = await readDocument('报告.docx', bytes);
  if (!result.ok) throw new Error(result.problem.message);
  return result.document;
}

const texts = (table: TableBlock) => table.rows.map((r) => r.map((c) => c.text));
const summary = (blocks: Block[]) => blocks.map((b) => (b.kind === 'table' ? ['table', b.rows.length] : [b.kind, b.text]));

describe('docx: paragraphs, headings and real tables from the document XML', () => {
  it('headings carry their level, tables their grid with row and column spans resolved', async () => {
    const bytes = await buildDocx({
      blocks: [
        { heading: '一、部门基本情况', level: 1 },
        { paragraph: '本单位2024年度预算执行率为96.5%。' },
        { heading: '（一）绩效指标自评情况', level: 2 },
        {
          table: [
            ['一级指标', '二级指标', '三级指标', '分值', '自评得分'],
            [{ text: '投入', rowSpan: 3 }, { text: '预算编制', rowSpan: 2 }, '预算编制科学性', '4', '4'],
            ['绩效目标合理性', '3', '2.5'],
            ['资金管理', '资金使用合规性\n（含支付进度）', '5', '5'],
            [{ text: '合计', columnSpan: 3 }, '12', '11.5'],
          ],
        },
        { heading: '1. 存在问题', level: 3 },
        { paragraph: '部分项目支出进度滞后。' },
      ],
    });
    const document = await documentOf(bytes);
    expect(document).toMatchObject({ name: '报告.docx', format: 'docx', encoding: 'binary' });
    expect(document.blocks.map((b) => (b.kind === 'heading' ? [b.text, b.level, b.location] : b.kind))).toEqual([
      ['一、部门基本情况', 1, { paragraph: 1 }],
      'paragraph',
      ['（一）绩效指标自评情况', 2, { paragraph: 3 }],
      'table',
      ['1. 存在问题', 3, { paragraph: 4 }],
      'paragraph',
    ]);
    const table = document.blocks[3] as TableBlock;
    expect(table).toMatchObject({ kind: 'table', name: null, location: { table: 1 }, line: 4 });
    expect(texts(table)).toEqual([
      ['一级指标', '二级指标', '三级指标', '分值', '自评得分'],
      ['投入', '预算编制', '预算编制科学性', '4', '4'],
      ['投入', '预算编制', '绩效目标合理性', '3', '2.5'],
      ['投入', '资金管理', '资金使用合规性\n（含支付进度）', '5', '5'],
      ['合计', '合计', '合计', '12', '11.5'],
    ]);
    expect(table.rows.map((r) => r.map((c) => c.merged === true))).toEqual([
      [false, false, false, false, false],
      [false, false, false, false, false],
      [true, true, false, false, false],
      [true, false, false, false, false],
      [false, true, true, false, false],
    ]);
    expect(table.rows[2]![1]).toEqual({ text: '预算编制', merged: true, location: { table: 1, row: 3, column: 2 } });
    // the line view: one line per paragraph, one per table row (cells joined by a tab), in order
    expect(document.lines).toEqual([
      '一、部门基本情况',
      '本单位2024年度预算执行率为96.5%。',
      '（一）绩效指标自评情况',
      '一级指标\t二级指标\t三级指标\t分值\t自评得分',
      '投入\t预算编制\t预算编制科学性\t4\t4',
      '投入\t预算编制\t绩效目标合理性\t3\t2.5',
      '投入\t资金管理\t资金使用合规性 （含支付进度）\t5\t5',
      '合计\t合计\t合计\t12\t11.5',
      '1. 存在问题',
      '部分项目支出进度滞后。',
    ]);
    expect(document.lineLocations.slice(3, 6)).toEqual([{ table: 1, row: 1 }, { table: 1, row: 2 }, { table: 1, row: 3 }]);
    expect(document.blocks[5]).toMatchObject({ line: 10, location: { paragraph: 5 } });
  });

  it('two tables are numbered in order', async () => {
    const bytes = await buildDocx({ blocks: [{ table: [['a', 'b'], ['1', '2']] }, { paragraph: '中间' }, { table: [['c'], ['3']] }] });
    const document = await documentOf(bytes);
    expect(document.blocks.map((b) => b.location)).toEqual([{ table: 1 }, { paragraph: 1 }, { table: 2 }]);
  });
});

const STYLES = [
  // WPS writes Chinese documents with numeric style ids; the name says what the style is
  '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="标题 2"/></w:style>',
  '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="我的三级标题"/><w:basedOn w:val="a6"/></w:style>',
  '<w:style w:type="paragraph" w:styleId="a6"><w:name w:val="大纲三级"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>',
  '<w:style w:type="paragraph" w:styleId="a7"><w:name w:val="正文缩进"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>',
].join('');

const p = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const tc = (content: string, properties = '') => `<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ''}${content}</w:tc>`;

describe('docx written by other tools: styles, content controls, text boxes, tracked changes', () => {
  it('heading levels from style names, basedOn chains and outline levels; body-text outline level 9 is a paragraph', async () => {
    const body = [
      p('一、总体情况', '1'),
      p('（一）收入情况', '2'),
      p('1. 财政拨款收入', 'a5'),
      p('正文段落', 'a7'),
      '<w:p><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:r><w:t>直接设定大纲级别</w:t></w:r></w:p>',
    ].join('');
    const document = await documentOf(wordPackage(body, STYLES));
    expect(document.blocks.map((b) => [b.kind, b.kind === 'heading' ? b.level : null])).toEqual([
      ['heading', 1], ['heading', 2], ['heading', 3], ['paragraph', null], ['heading', 2],
    ]);
  });

  it('content controls around paragraphs and tables, empty paragraphs counted, tabs and breaks kept', async () => {
    const sdt = (content: string) => `<w:sdt><w:sdtPr><w:alias w:val="控件"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
    const body = [
      p('第一段'),
      '<w:p/>',
      sdt(p('控件里的段落')),
      sdt(`<w:tbl><w:tr>${tc(p('分值'))}${tc(p('得分'))}</w:tr><w:tr>${tc(p('5'))}${tc(p('4'))}</w:tr></w:tbl>`),
      '<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t><w:br w:type="page"/><w:t>丁</w:t></w:r></w:p>',
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    ].join('');
    const document = await documentOf(wordPackage(body));
    expect(summary(document.blocks)).toEqual([
      ['paragraph', '第一段'], ['paragraph', '控件里的段落'], ['table', 2], ['paragraph', '甲\t乙\n丙丁'], ['paragraph', '7'],
    ]);
    expect(document.blocks.map((b) => b.location)).toEqual([{ paragraph: 1 }, { paragraph: 3 }, { table: 1 }, { paragraph: 4 }, { paragraph: 5 }]);
    expect(document.lines[4]).toBe('甲 乙 丙丁'); // lines 3–4 are the table's rows
  });

  it('tracked deletions are left out and insertions kept; a text box is read once (not its fallback copy)', async () => {
    const textBox = '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
      + p('文本框中的说明') + '</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
      + p('文本框中的说明') + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>';
    const body = [
      '<w:p><w:r><w:t>得分</w:t></w:r><w:del w:id="1"><w:r><w:delText>4</w:delText></w:r></w:del><w:ins w:id="2"><w:r><w:t>5</w:t></w:r></w:ins><w:r><w:t>分</w:t></w:r></w:p>',
      `<w:p><w:r><w:t>正文</w:t></w:r>${textBox}</w:p>`,
    ].join('');
    const document = await documentOf(wordPackage(body));
    expect(summary(document.blocks)).toEqual([['paragraph', '得分5分'], ['paragraph', '正文'], ['paragraph', '文本框中的说明']]);
    expect(document.blocks[2]!.location).toEqual({ paragraph: 2 });
  });

  it('vMerge without a value continues, gridBefore leaves a cell empty, nested tables flatten into their cell', async () => {
    const nested = `<w:tbl><w:tr>${tc(p('子项'))}${tc(p('1'))}</w:tr><w:tr>${tc(p('子项二'))}${tc(p('2'))}</w:tr></w:tbl>`;
    const body = '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>'
      + `<w:tr>${tc(p('产出'), '<w:vMerge w:val="restart"/>')}${tc(p('数量'))}${tc(p('3'))}</w:tr>`
      + `<w:tr>${tc('<w:p/>', '<w:vMerge/>')}${tc(p('质量') + nested)}${tc(p('2'))}</w:tr>`
      + `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p('时效'))}${tc(p('1'))}</w:tr>`
      + '</w:tbl>';
    const document = await documentOf(wordPackage(body));
    const table = document.blocks[0] as TableBlock;
    expect(texts(table)).toEqual([['产出', '数量', '3'], ['产出', '质量\n子项 1\n子项二 2', '2'], ['', '时效', '1']]);
    expect(table.rows[1]![0]!.merged).toBe(true);
  });

  it('a package without a document part, or with broken XML, is corrupt', async () => {
    const empty = zipOf([{ name: 'readme.txt', data: new TextEncoder().encode('不是 Word 文件') }]);
    expect(await readDocument('a.docx', empty)).toMatchObject({ ok: false, problem: { code: 'corrupt-file' } });
    expect(await readDocument('a.docx', wordPackage('<w:p><w:r><w:t>未闭合</w:r></w:p>'))).toMatchObject({ ok: false, problem: { code: 'corrupt-file' } });
  });
});

describe('docx automatic list numbers read as Word shows them', () => {
  const numbering = [
    '<w:abstractNum w:abstractNumId="0">',
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:pStyle w:val="1"/><w:suff w:val="nothing"/><w:lvlText w:val="%1、"/></w:lvl>',
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>',
    '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:suff w:val="space"/><w:lvlText w:val="%3."/></w:lvl>',
    '</w:abstractNum>',
    '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>',
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
  ].join('');
  const styles = '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
    + '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>';
  const listed = (text: string, numId: number, ilvl: number) =>
    `<w:p><w:pPr><w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;

  it('heading styles linked to a multilevel list, direct list paragraphs, restarts of deeper levels, bullets without text', async () => {
    const body = [
      p('部门基本情况', '1'), p('部门职能', '2'), listed('主要职责', 1, 2), listed('人员编制', 1, 2),
      p('收支情况', '2'), listed('收入', 1, 2), listed('要点', 2, 0), p('绩效自评情况', '1'), p('自评结论', '2'),
    ].join('');
    const document = await documentOf(wordPackage(body, styles, numbering));
    expect(document.blocks.map((b) => (b.kind === 'table' ? '' : b.text))).toEqual([
      '一、部门基本情况', '（一）部门职能', '1. 主要职责', '2. 人员编制', '（二）收支情况', '1. 收入', '要点', '二、绩效自评情况', '（一）自评结论',
    ]);
    expect(document.blocks.map((b) => (b.kind === 'heading' ? b.level : null))).toEqual([1, 2, null, null, 2, null, null, 1, 2]);
  });

  it('Chinese counting', () => {
    expect([1, 9, 10, 11, 20, 21, 99, 100, 105, 110].map(chineseCounting)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十']);
  });
});
