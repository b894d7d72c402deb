import { describe, expect, it } from 'vitest';
import { buildEvidence, extractNumbers, traceNumbers } from '../../src/assistant/guard/number-trace.ts';

/**
 * Numbers that name a place (表 1、第 6 行 of a table、第 3 段、第 2 页、第 6 列、附件2、a file name) are references,
 * not figures: the guard neither asks a source for them nor offers them as evidence. A figure beside a place is still
 * a figure, and a number followed by a unit is never taken for a place.
 */

interface Case {
  text: string;
  /** The figures (quantities and years) as written, in order. */
  figures: string[];
  /** Report line references ("第 N 行" of the report itself), in order. */
  lines?: string[];
}

const references: Case[] = [
  { text: '表 1 第 6 行 1250户', figures: ['1250户'] },
  { text: '表1第6行1250户', figures: ['1250户'] },
  { text: '（表 1 第 6 行第 6 列）1250户', figures: ['1250户'] },
  { text: '上年 1100户（实际完成值，farm-2023.docx 表 1 第 6 行第 6 列）', figures: ['1100户'] },
  { text: '见附表2第3行，执行率95%', figures: ['95%'] },
  { text: '详见表 3-1，合计 68.20 万元', figures: ['68.20 万元'] },
  { text: '（farm-2023.docx 第 3 段）档案管理不够规范', figures: [] },
  { text: '今年报告写道：“……全年补贴发放户数1250户”（第 5 段）', figures: ['1250户'] },
  { text: '第 2 页第 5 行：自评得分 92 分', figures: ['92 分'] },
  { text: '第 2 页 表 1 第 3 行第 4 列 得分 8.5', figures: ['8.5'] },
  { text: '第 6 列为实际完成值 93%', figures: ['93%'] },
  { text: '按附件1的标准，附件 2 中列出 12 个项目', figures: ['12 个'] },
  { text: '对照某县农业农村局2023年度自评报告（farm-2023.docx）', figures: ['2023年度'] },
  { text: '数据见 乐昌2024自评报告.txt 与 report_2023-v2.xlsx', figures: [] },
];

const figuresStay: Case[] = [
  { text: '代表3人参加评审', figures: ['3人'] },
  { text: '发表 5 篇论文', figures: ['5 篇'] },
  { text: '附件3份已报送', figures: ['3份'] },
  { text: '表 8 项指标得满分', figures: ['8 项'] },
  { text: '表1250户', figures: ['1250户'] },
  { text: '存档为 报告2024年.docx', figures: ['2024年'] },
  { text: '总收入1200万元见a.txt', figures: ['1200万元'] },
  { text: '第 3 季度支出 45.6 万元', figures: ['3', '45.6 万元'] },
];

const reportLines: Case[] = [
  { text: '见第 12 行，得分 3 分', figures: ['3 分'], lines: ['第12行'] },
  { text: '（transport-2023.txt 第 9 行）上年得 3/5 分', figures: ['3', '5 分'], lines: ['第9行'] },
];

const shown = (text: string) => {
  const all = extractNumbers(text);
  return { figures: all.filter((m) => m.kind !== 'line').map((m) => m.text), lines: all.filter((m) => m.kind === 'line').map((m) => m.text) };
};

describe('place references are not figures', () => {
  it.each(references)('$text', ({ text, figures }) => {
    expect(shown(text)).toEqual({ figures, lines: [] });
  });
});

describe('a number followed by a unit stays a figure', () => {
  it.each(figuresStay)('$text', ({ text, figures }) => {
    expect(shown(text).figures).toEqual(figures);
  });
});

describe('a plain 第 N 行 is still a line of the report', () => {
  it.each(reportLines)('$text', ({ text, figures, lines }) => {
    expect(shown(text)).toEqual({ figures, lines });
  });
});

describe('the guard beside a place', () => {
  const evidence = buildEvidence({ citations: [{ source: 'farm-2024.docx', quote: '农机购置补贴发放户数 1250户', line: 6 }] });

  it('traces the figure and nothing of the place', () => {
    const result = traceNumbers('实际完成值 1250户（表 1 第 6 行第 6 列）', evidence);
    expect(result.ok).toBe(true);
    expect(result.traced.map((t) => t.mention.text)).toEqual(['1250户']);
  });

  it('still stops an invented figure next to a place', () => {
    const result = traceNumbers('实际完成值 1300户（表 1 第 6 行第 6 列）', evidence);
    expect(result.ok).toBe(false);
    expect(result.untraced.map((m) => m.text)).toEqual(['1300户']);
  });

  it('offers no evidence from a place: a bare 1 in a quoted “表 1” does not vouch for a figure 1', () => {
    const placeOnly = buildEvidence({ citations: [{ source: 'farm-2023.docx', quote: 'farm-2023.docx 表 1 第 6 行第 6 列' }] });
    expect(placeOnly.items).toEqual([]);
    expect(traceNumbers('扣 1 分', placeOnly).ok).toBe(false);
  });
});

describe('numbers of another document cited in the same clause', () => {
  const evidence = buildEvidence({
    texts: [{ text: '服务对象满意度 目标值 95% 实际 95%', label: 'line 17' }],
    citations: [
      { source: 'transport-2023.txt', quote: '满意度调查结果为94%，未达到95%的目标值', line: 20 },
      { source: 'transport-2023.txt', quote: '效果 › 服务对象满意度 分值 20 分 自评得分 19 分', line: 17 },
    ],
  });

  it.each([
    { text: '上年目标值 95%（transport-2023.txt 第 20 行）', value: '95%', source: 'transport-2023.txt line 20' },
    { text: '今年目标值 95%（第 17 行）', value: '95%', source: 'line 17' },
    { text: '上年 95%（说明，transport-2023.txt 第 20 行）', value: '95%', source: 'transport-2023.txt line 20' },
  ])('$text → $source', ({ text, value, source }) => {
    const result = traceNumbers(text, evidence);
    expect(result.traced.find((t) => t.mention.text === value)?.source).toBe(source);
  });

  it('a line of another document traces to its cited passage, and an uncited one is not traced', () => {
    const cited = traceNumbers('见 transport-2023.txt 第 20 行', evidence);
    expect(cited.traced.map((t) => t.source)).toEqual(['transport-2023.txt line 20']);
    const invented = traceNumbers('见 transport-2023.txt 第 99 行', evidence);
    expect(invented.untraced.map((m) => m.text)).toEqual(['第99行']);
    const otherFile = traceNumbers('见 transport-2022.txt 第 20 行', evidence);
    expect(otherFile.ok).toBe(false);
  });
});
