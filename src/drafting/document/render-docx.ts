import type { DraftBlock } from './draft-blocks.js';

/**
 * Government-document formatting (GB/T 9704 style): 标题 二号 (22 pt) 方正小标宋简体, body 三号 (16 pt) 仿宋_GB2312,
 * 一级标题 黑体, 二级标题 楷体_GB2312, A4 with margins 3.7 / 3.5 / 2.8 / 2.6 cm, page numbers in the footer.
 * Fonts are named (East Asian slot), never embedded; word/fontTable.xml names the fallback for each (w:altName),
 * so Word and WPS substitute 黑体 / 仿宋 / 楷体 on machines without the GB2312 fonts.
 */
export const FONTS = {
  title: { name: '方正小标宋简体', fallback: '黑体' },
  body: { name: '仿宋_GB2312', fallback: '仿宋' },
  heading1: { name: '黑体', fallback: 'SimHei' },
  heading2: { name: '楷体_GB2312', fallback: '楷体' },
  latin: { name: 'Times New Roman', fallback: 'Times New Roman' },
} as const;

const PT = 2; // docx sizes are half-points
const CM = 567; // twips per centimetre
const LINE = 560; // fixed line spacing 28 pt, in twips (GB/T 9704: 22 lines a page)

function font(eastAsia: string) {
  return { ascii: FONTS.latin.name, hAnsi: FONTS.latin.name, eastAsia, cs: FONTS.latin.name };
}

const STYLE_OF: Record<number, string> = { 1: 'Heading1', 2: 'Heading2', 3: 'Heading3', 4: 'Heading4', 5: 'Heading5' };

/** The blocks as a .docx (docx package), then the font fallbacks named in the font table. */
export async function renderDocx(blocks: readonly DraftBlock[], title: string): Promise<Buffer> {
  const docx = await import('docx');
  const { AlignmentType, Document, Footer, LineRuleType, Packer, PageNumber, Paragraph, TextRun } = docx;
  const spacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  // The docx package's own Heading1…5 styles, restyled (a second style with the same id would be ignored by Word).
  const headingStyle = (level: number, eastAsia: string, bold = false) => ({
    run: { font: font(eastAsia), size: 16 * PT, bold, color: '000000' },
    paragraph: { spacing, indent: { firstLine: 2 * 16 * 20 }, outlineLevel: level - 1 },
  });
  const children = blocks.map((block) => {
    if (block.kind === 'title') {
      return new Paragraph({ style: 'ReportTitle', alignment: AlignmentType.CENTER, children: [new TextRun(block.text)] });
    }
    if (block.kind === 'cover') return new Paragraph({ style: 'Cover', children: [new TextRun(block.text)] });
    if (block.kind === 'heading') return new Paragraph({ style: STYLE_OF[Math.min(block.level, 5)], children: [new TextRun(block.text)] });
    return new Paragraph({ children: [new TextRun(block.text)] });
  });
  const document = new Document({
    creator: 'selfeval',
    title,
    styles: {
      default: {
        document: { run: { font: font(FONTS.body.name), size: 16 * PT }, paragraph: { spacing, indent: { firstLine: 2 * 16 * 20 }, alignment: AlignmentType.JUSTIFIED } },
        heading1: headingStyle(1, FONTS.heading1.name),
        heading2: headingStyle(2, FONTS.heading2.name),
        heading3: headingStyle(3, FONTS.body.name, true),
        heading4: headingStyle(4, FONTS.body.name),
        heading5: headingStyle(5, FONTS.body.name),
      },
      paragraphStyles: [
        { id: 'ReportTitle', name: '报告标题', basedOn: 'Normal', next: 'Normal', run: { font: font(FONTS.title.name), size: 22 * PT }, paragraph: { spacing: { line: 700, lineRule: LineRuleType.EXACT, before: 0, after: 560 }, indent: { firstLine: 0 } } },
        { id: 'Cover', name: '封面信息', basedOn: 'Normal', next: 'Normal', run: { font: font(FONTS.body.name), size: 16 * PT }, paragraph: { spacing, indent: { firstLine: 0 } } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 }, // A4 in twips
            margin: { top: Math.round(3.7 * CM), bottom: Math.round(3.5 * CM), left: Math.round(2.8 * CM), right: Math.round(2.6 * CM), footer: Math.round(2.8 * CM) },
          },
        },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, indent: { firstLine: 0 }, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 14 * PT, font: font(FONTS.latin.name) })] })],
          }),
        },
        children,
      },
    ],
  });
  return nameFontFallbacks(await Packer.toBuffer(document));
}

/** Add each font with its w:altName to word/fontTable.xml (declared, not embedded). */
async function nameFontFallbacks(bytes: Buffer): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file('word/fontTable.xml');
  if (!file) return bytes;
  const xml = await file.async('string');
  const entries = [FONTS.title, FONTS.body, FONTS.heading1, FONTS.heading2]
    .filter((f) => !xml.includes(`w:name="${f.name}"`))
    .map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.fallback}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  const closed = /<\/w:fonts>\s*$/u.test(xml) ? xml.replace(/<\/w:fonts>\s*$/u, `${entries}</w:fonts>`) : xml.replace(/\/>\s*$/u, `>${entries}</w:fonts>`);
  zip.file('word/fontTable.xml', closed);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
