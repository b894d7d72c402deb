import { describe, expect, it } from 'vitest';
import { readDocument } from '../../src/document/read-document.js';
import type { TableBlock } from '../../src/model/index.js';
import type { Ruling } from '../../src/document/pdf-rulings.js';
import { cellAreas } from '../../src/document/scan-cells.js';
import { figureCandidate, fitsShape, glyphClasses } from '../../src/document/scan-figures.js';
import type { Gray } from '../../src/document/scan-image.js';
import { joinBands } from '../../src/document/scan-lines.js';
import { chinesePunctuation } from '../../src/document/scan-pieces.js';
import { buildPdf, hasCjkFont } from '../helpers/document-fixtures.js';
import { hasOcr, scanOf } from './wrapped-report.js';

if (!hasOcr) console.warn('scan reading tests skipped: tesseract with chi_sim, or pdftoppm, is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)');

/**
 * A figure drawn as a line image: each character a box of ink — a digit a tall bar, a decimal point a small square
 * on the baseline, a comma a small mark reaching below it, a minus a short bar in the middle.
 */
function drawn(figure: string, { touching = false }: { touching?: boolean } = {}): Gray {
  const [height, digit, gap, pad] = [40, 20, touching ? 0 : 6, 10];
  const marks: { x: number; w: number; top: number; bottom: number }[] = [];
  let x = pad;
  for (const ch of figure) {
    if (/\d|%/.test(ch)) marks.push({ x, w: digit, top: pad, bottom: pad + height });
    else if (ch === '.') marks.push({ x, w: 6, top: pad + height - 6, bottom: pad + height });
    else if (ch === ',') marks.push({ x, w: 6, top: pad + height - 6, bottom: pad + height + 8 });
    else if (ch === '-') marks.push({ x, w: 16, top: pad + 18, bottom: pad + 23 });
    x += marks[marks.length - 1]!.w + gap;
  }
  const width = x + pad;
  const rows = height + 2 * pad + 10;
  const pixels = new Uint8Array(width * rows).fill(255);
  for (const m of marks) for (let y = m.top; y < m.bottom; y += 1) pixels.fill(0, y * width + m.x, y * width + m.x + m.w);
  return { width, height: rows, pixels };
}

describe('a figure read from a scan is taken only when its characters have the ink\'s shapes', () => {
  // the first reading that fits is taken (the recogniser's, then those held to figure characters); none: not confirmed
  const cases: { image: string; readings: string[]; taken: string | null; why: string }[] = [
    { image: '2.5', readings: ['25', '2.5'], taken: '2.5', why: 'the decimal point dropped by the first reading, kept by the second' },
    { image: '2.5', readings: ['2.5'], taken: '2.5', why: 'the first reading agrees with the ink' },
    { image: '2.5', readings: ['25', '25', ''], taken: null, why: 'a point in the ink that no reading has: not taken as read' },
    { image: '25', readings: ['2.5', '25'], taken: '25', why: 'a point no ink shows' },
    { image: '4', readings: ['44', '', '4'], taken: '4', why: 'a digit too many; a mode that reads nothing' },
    { image: '-12.35', readings: ['-12.35'], taken: '-12.35', why: 'minus and decimals' },
    { image: '1,234.5', readings: ['1.234.5', '1,234.5'], taken: '1,234.5', why: 'a thousands comma reaches below the baseline' },
    { image: '98%', readings: ['98%'], taken: '98%', why: 'a percentage' },
    { image: '3.5', readings: ['35', '85'], taken: null, why: 'no reading fits' },
  ];
  for (const c of cases) {
    it(`${c.image} read as ${c.readings.map((r) => r || '(nothing)').join(' / ')}: ${c.why}`, () => {
      const shape = glyphClasses(drawn(c.image));
      expect(c.readings.find((r) => fitsShape(r, shape)) ?? null).toBe(c.taken);
    });
  }

  it('digits that touch cannot be counted, so no reading is confirmed; text that is no figure never fits', () => {
    expect(glyphClasses(drawn('25', { touching: true }))).toEqual(['W']);
    expect(fitsShape('25', glyphClasses(drawn('25', { touching: true })))).toBe(false);
    expect(fitsShape('工', glyphClasses(drawn('1')))).toBe(false);
  });

  it('a first reading is a figure when what is left after dropping unsure non-figure characters is one', () => {
    expect(figureCandidate([{ text: '了', conf: 46 }, { text: '4', conf: 68 }])).toBe('4');
    expect(figureCandidate([{ text: '2.5', conf: 92 }])).toBe('2.5');
    expect(figureCandidate([{ text: '扣', conf: 90 }, { text: '0.5', conf: 92 }, { text: '分', conf: 93 }])).toBeNull();
    expect(figureCandidate([{ text: '工', conf: 90 }])).toBeNull();
  });
});

describe('scan layout helpers', () => {
  it('cells are the areas rulings enclose: a cell merged down two rows is one area, the page outside is none', () => {
    // a 3 × 2 grid (points, y upwards) on a 300-dpi page 600 × 600 points; the left column's middle border is missing
    const h = (at: number, from = 100, to = 400): Ruling => ({ horizontal: true, at, from, to });
    const v = (at: number, from = 200, to = 500): Ruling => ({ horizontal: false, at, from, to });
    const rulings = [h(500), h(400, 250, 400), h(300), h(200), v(100), v(250), v(400)];
    const px = (pt: number) => Math.round((pt * 300) / 72);
    const areas = cellAreas(rulings, px(600), px(600), 300).map((a) => [a.x0, a.y0, a.x1, a.y1].map((n) => Math.round((n * 72) / 300 / 10)));
    expect(areas).toHaveLength(5);
    // the merged cell: left column, from the top ruling (y 500 → 100 pt from the top) to y 300 (300 pt from the top)
    expect(areas).toContainEqual([10, 10, 25, 30]);
  });

  it('bands of ink closer than a line height are one line (the strokes of 二); two lines stay two', () => {
    const band = (y0: number, y1: number) => ({ x0: 0, y0, x1: 40, y1 });
    expect(joinBands([band(0, 8), band(30, 38)], 40)).toEqual([band(0, 38)]);
    expect(joinBands([band(0, 40), band(58, 98)], 40)).toEqual([band(0, 40), band(58, 98)]);
  });

  const punctuation: [string, string][] = [
    ['得满分 ; 每发现', '得满分；每发现'],
    ['扣0.5分,资料', '扣0.5分，资料'],
    ['部门名称:某局', '部门名称：某局'],
    ['“三公经费"变动率', '“三公经费”变动率'],
    ['"优"', '“优”'],
    ['1,234.5', '1,234.5'],
  ];
  for (const [read, written] of punctuation) {
    it(`punctuation beside Chinese as Chinese writes it: ${read}`, () => expect(chinesePunctuation(read)).toBe(written));
  }
});

describe.skipIf(!hasOcr || !hasCjkFont)('a scanned score table (pdfkit, WenQuanYi)', () => {
  const rows = [
    ['一级指标', '三级指标', '分值', '自评得分', '扣分原因'],
    ['投入', '预算编制科学性', '5', '4.5', '目标不够细化'],
    ['过程', '预算执行率', '10', '8.2', '执行率82%，未达序时进度'],
    ['产出', '档案管理', '1', '1', ''],
    ['效益', '满意度', '12.5', '12.35', ''],
    ['合计', '', '28.5', '26.05', ''],
  ];
  const pdf = () => buildPdf([{ line: '表1 部门整体支出绩效自评表' }, { table: { widths: [60, 110, 50, 60, 150], rows } }, { line: '注：以上得分由本单位自评。' }]);

  it('scanned at 300 dpi: every cell read, figures with their decimal points; the document says it was recognised', async () => {
    const read = await readDocument('扫描件.pdf', await scanOf(await pdf()));
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.document.ocr).toBe(true);
    const tables = read.document.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables).toHaveLength(1);
    expect(tables[0]!.rows.map((r) => r.map((c) => c.text))).toEqual(rows);
    // the gap between 表1 and 部门 is not told from letter spacing by recognition
    expect(read.document.lines[0]!.replace(/\s/gu, '')).toBe('表1部门整体支出绩效自评表');
    expect(read.document.lines[read.document.lines.length - 1]).toBe('注：以上得分由本单位自评。');
  }, 120_000);

  it('scanned at 200 dpi as a gray JPEG of middling quality: every figure still read as written', async () => {
    const read = await readDocument('扫描件.pdf', await scanOf(await pdf(), { dpi: 200, jpeg: true }));
    if (!read.ok) throw new Error(read.problem.message);
    const table = read.document.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    expect(table.rows.map((r) => r.slice(2, 4).map((c) => c.text))).toEqual(rows.map((r) => r.slice(2, 4)));
  }, 120_000);
});
