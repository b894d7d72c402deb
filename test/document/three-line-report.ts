import { BorderStyle, Document as WordDocument, Footer, Header, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalAlign, VerticalMergeType, WidthType } from 'docx';
import { INDICATORS, TOTAL_SCORE, TOTAL_WEIGHT } from './wrapped-report.js';

/**
 * A self-evaluation report whose scores table is a 三线表 (as WPS and Word academic templates draw it): a heavy rule
 * above the table and below it, a thin rule under the header row, no vertical lines and no rules between rows
 * (w:tblBorders top/bottom only, the header cells' w:tcBorders bottom). The 评分标准 column wraps over several lines,
 * the 一级指标 is merged down its block, and with 27 indicators the table runs over two page breaks.
 */

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const HEAVY = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
const THIN = { style: BorderStyle.SINGLE, size: 6, color: '000000' };

export const STANDARD = '符合相关规定和要求的得满分；每发现一处不符合扣0.5分，资料不完整的酌情扣分，扣完为止';
const HEADER = ['一级指标', '二级指标', '三级指标', '分值', '评分标准', '自评得分', '扣分原因'];
const WIDTHS = [1000, 1100, 1500, 600, 2900, 700, 1500];

export interface ThreeLineOptions {
  /** The header row repeated at the top of each page (Word's 重复标题行), with its rules. */
  repeatHeader?: boolean;
  /** The score written in the 合计 row (the indicators' sum unless given). */
  total?: number;
  /** Every cell centred vertically (as WPS templates set them): one-line cells sit halfway down their row. */
  centred?: boolean;
  /** No rules at all (a borderless table), instead of the three. */
  borderless?: boolean;
  /** A page header with a rule under it and a footer with a rule above it, across the text width on every page. */
  pageRules?: boolean;
}

/** The table's rows as the Word original holds them ('' where a 一级指标 cell is merged into the one above). */
export function threeLineRows({ total = TOTAL_SCORE }: ThreeLineOptions = {}): string[][] {
  return [
    HEADER,
    ...INDICATORS.map((r, i) => [
      i === 0 || INDICATORS[i - 1]!.level1 !== r.level1 ? r.level1 : '', r.level2, r.name, String(r.weight), STANDARD, String(r.score),
      r.score < r.weight ? `${r.name}存在不足，扣${r.weight - r.score}分` : '',
    ]),
    ['合计', '', '', String(TOTAL_WEIGHT), '', String(total), ''],
  ];
}

export const NARRATIVE = [
  '2024年度部门整体支出绩效自评报告',
  '一、部门基本情况',
  '本部门负责统筹推进全市政务服务体系建设，落实“十四五”规划确定的各项任务。',
  '二、绩效自评情况',
  `根据部门整体支出绩效评价指标体系，本部门2024年度自评得分${TOTAL_SCORE}分，评价等级为“优”。各项指标得分情况见下表。`,
  '表1 部门整体支出绩效自评表',
];
export const AFTER = '三、存在的问题：部分项目支出进度滞后，资金使用效益有待提高。';

export async function threeLineDocx(options: ThreeLineOptions = {}): Promise<Uint8Array> {
  const rows = threeLineRows(options);
  const table = new Table({
    width: { size: WIDTHS.reduce((s, w) => s + w, 0), type: WidthType.DXA },
    columnWidths: WIDTHS,
    borders: { top: options.borderless ? NONE : HEAVY, bottom: options.borderless ? NONE : HEAVY, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE },
    rows: rows.map((row, r) => new TableRow({
      tableHeader: r === 0 && options.repeatHeader !== false,
      children: row.map((text, c) => {
        const merge = c === 0 && r > 0 && r <= INDICATORS.length ? (text !== '' ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE) : undefined;
        return new TableCell({
          width: { size: WIDTHS[c]!, type: WidthType.DXA },
          ...(merge ? { verticalMerge: merge } : {}),
          ...(options.centred ? { verticalAlign: VerticalAlign.CENTER } : {}),
          ...(r === 0 && !options.borderless ? { borders: { bottom: THIN } } : {}),
          children: [new Paragraph({ children: text === '' ? [] : [new TextRun(text)] })],
        });
      }),
    })),
  });
  const paragraphs = NARRATIVE.map((text) => new Paragraph({ children: [new TextRun(text)] }));
  const page = options.pageRules ? {
    headers: { default: new Header({ children: [new Paragraph({ border: { bottom: THIN }, children: [new TextRun('某市政务服务和数据管理局')] })] }) },
    footers: { default: new Footer({ children: [new Paragraph({ border: { top: THIN }, children: [new TextRun('2024年度部门整体支出绩效自评报告')] })] }) },
  } : {};
  const document = new WordDocument({ sections: [{ ...page, children: [...paragraphs, table, new Paragraph({ children: [new TextRun(AFTER)] })] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}
