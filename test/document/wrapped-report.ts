import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document as WordDocument, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import PDFDocument from 'pdfkit';
import { buildXlsx } from '../helpers/document-fixtures.js';

/**
 * A self-evaluation report as a bureau writes it in Word: narrative, then a 27-indicator scores table whose 评分标准
 * column wraps over several lines and which runs over page breaks; and the same report as LibreOffice saves or prints
 * it (.pdf, .doc, .html), its table alone as .xlsx/.xls, and a scan of the PDF (an image-only PDF).
 */

export const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
export const hasOcr = spawnSync('tesseract', ['--list-langs'], { encoding: 'utf8' }).stdout?.includes('chi_sim') === true
  && spawnSync('pdftoppm', ['-v'], { encoding: 'utf8' }).status === 0;

const STANDARD = '符合相关规定和要求的得满分；每发现一处不符合扣0.5分，资料不完整的酌情扣分，扣完为止';
const BLOCKS: [string, [string, [string, number, number][]][]][] = [
  ['投入', [['预算编制', [['预算编制科学性', 5, 5], ['绩效目标合理性', 4, 4], ['绩效指标明确性', 4, 3.5]]], ['预算执行', [['预算执行率', 5, 4.5], ['结转结余率', 3, 3]]]]],
  ['过程', [['资金管理', [['资金使用合规性', 4, 4], ['财务管理制度健全性', 3, 3], ['“三公经费”变动率', 3, 3], ['会计核算规范性', 3, 3]]], ['组织实施', [['政府采购规范性', 3, 2.5], ['资产管理规范性', 3, 3], ['人员管理', 3, 3], ['项目管理', 3, 3], ['档案管理', 1, 1]]]]],
  ['产出', [['产出数量', [['政务服务事项办理量', 5, 5], ['数据共享目录编制数', 4, 4], ['培训人次', 4, 3]]], ['产出质量', [['事项办结率', 4, 4], ['系统可用率', 4, 4]]], ['产出时效', [['按时完成率', 4, 4]]], ['产出成本', [['成本控制率', 4, 3.5]]]]],
  ['效益', [['社会效益', [['一网通办覆盖率', 5, 5], ['群众办事便利度', 4, 4], ['数据开放数量', 3, 3]]], ['可持续影响', [['长效管理机制', 4, 4]]], ['满意度', [['服务对象满意度', 5, 5], ['部门协作满意度', 3, 3]]]]],
];

export interface IndicatorRow { level1: string; level2: string; name: string; weight: number; score: number }

export const INDICATORS: IndicatorRow[] = BLOCKS.flatMap(([level1, level2s]) =>
  level2s.flatMap(([level2, leaves]) => leaves.map(([name, weight, score]) => ({ level1, level2, name, weight, score }))));
export const TOTAL_WEIGHT = INDICATORS.reduce((s, r) => s + r.weight, 0);
export const TOTAL_SCORE = INDICATORS.reduce((s, r) => s + r.score, 0);

const HEADER = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'];
const WIDTHS = [1000, 1100, 1500, 600, 2900, 700, 1500]; // twentieths of a point: a 9300-wide table on A4

function cell(text: string, width: number, merge?: 'restart' | 'continue'): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    ...(merge ? { verticalMerge: merge === 'restart' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
    children: [new Paragraph({ alignment: AlignmentType.LEFT, children: merge === 'continue' ? [] : [new TextRun(text)] })],
  });
}

/** The table's rows as text (a 一级指标 written once per block, as Word shows a merged cell). */
export function tableRows(): string[][] {
  return [
    HEADER,
    ...INDICATORS.map((r) => [r.level1, r.level2, r.name, String(r.weight), STANDARD, String(r.score), r.score < r.weight ? `${r.name}存在不足，扣${r.weight - r.score}分` : '']),
    ['合计', '', '', String(TOTAL_WEIGHT), '', String(TOTAL_SCORE), ''],
  ];
}

const NARRATIVE = [
  '2024年度部门整体支出绩效自评报告',
  '部门名称：某市政务服务和数据管理局',
  '一、部门基本情况',
  '本部门负责统筹推进全市政务服务体系建设，承担行政审批制度改革、公共资源交易平台管理等相关工作。',
  '二、绩效自评情况',
  `根据部门整体支出绩效评价指标体系，本部门2024年度自评得分${TOTAL_SCORE}分，评价等级为“优”。各项指标得分情况见下表。`,
  '三、绩效评价指标得分情况',
];

export async function wrappedReportDocx(): Promise<Uint8Array> {
  const rows = tableRows();
  const firsts = new Set(INDICATORS.map((r, i) => (i === 0 || INDICATORS[i - 1]!.level1 !== r.level1 ? i : -1)));
  const table = new Table({
    width: { size: 9300, type: WidthType.DXA },
    columnWidths: WIDTHS,
    rows: rows.map((row, r) => new TableRow({
      children: row.map((text, c) => {
        const i = r - 1;
        if (c === 0 && r > 0 && i < INDICATORS.length) return cell(text, WIDTHS[c]!, firsts.has(i) ? 'restart' : 'continue');
        return cell(text, WIDTHS[c]!);
      }),
    })),
  });
  const paragraphs = NARRATIVE.map((text) => new Paragraph({ children: [new TextRun(text)] }));
  const after = new Paragraph({ children: [new TextRun('四、存在的问题：部分项目支出进度滞后，资金使用效益有待提高。')] });
  const document = new WordDocument({ sections: [{ children: [...paragraphs, table, after] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** The scores table alone as a workbook (what a bureau attaches as 自评表.xlsx). */
export async function wrappedReportXlsx(): Promise<Uint8Array> {
  return buildXlsx([{ name: '自评表', rows: tableRows().map((row) => row.map((text) => (/^\d+(?:\.\d+)?$/.test(text) ? Number(text) : text))) }]);
}

/** Convert with headless LibreOffice (its own profile in a temporary folder), e.g. docx → pdf, docx → doc, xlsx → xls. */
export function convertWith(bytes: Uint8Array, from: string, to: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-wrapped-'));
  try {
    writeFileSync(join(dir, `report.${from}`), bytes);
    const result = spawnSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', to, '--outdir', join(dir, 'out'), join(dir, `report.${from}`)], { encoding: 'utf8', timeout: 180_000 });
    if (result.status !== 0) throw new Error(`soffice failed: ${result.stderr}`);
    const file = readdirSync(join(dir, 'out'))[0]!;
    return new Uint8Array(readFileSync(join(dir, 'out', file)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A scan of a PDF: each page rendered to an image (300 dpi, as offices scan; or another resolution, or as a gray
 * JPEG of middling quality, as cheap scanners save) and put alone on a page of a new PDF, with no text layer.
 */
export async function scanOf(pdf: Uint8Array, { dpi = 300, jpeg = false }: { dpi?: number; jpeg?: boolean } = {}): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-scan-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    spawnSync('pdftoppm', ['-r', String(dpi), ...(jpeg ? ['-jpeg', '-jpegopt', 'quality=60', '-gray'] : ['-png']), join(dir, 'in.pdf'), join(dir, 'page')]);
    const doc = new PDFDocument({ autoFirstPage: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    for (const file of readdirSync(dir).filter((f) => /\.(png|jpg)$/u.test(f)).sort()) {
      const image = (doc as unknown as { openImage(src: string): { width: number; height: number } }).openImage(join(dir, file));
      const [width, height] = [image.width * 72 / dpi, image.height * 72 / dpi];
      doc.addPage({ size: [width, height], margin: 0 });
      doc.image(image as unknown as string, 0, 0, { width, height });
    }
    doc.end();
    await done;
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
