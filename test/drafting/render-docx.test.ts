import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../src/drafting/document/render-docx.js';
import type { DraftBlock } from '../../src/drafting/document/draft-blocks.js';

const blocks: DraftBlock[] = [
  { kind: 'title', text: '2025年度部门整体支出绩效自评报告' },
  { kind: 'cover', text: '部门名称：某县测试局' },
  { kind: 'heading', level: 1, text: '一、部门的基本情况' },
  { kind: 'heading', level: 2, text: '（一）部门整体概况' },
  { kind: 'paragraph', text: '负责全县测试工作。' },
];

describe('renderDocx', () => {
  it('formats as a government document: A4, GB/T 9704 margins, named fonts with fallbacks, page numbers', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(blocks, '2025年度部门整体支出绩效自评报告'));
    const document = await zip.file('word/document.xml')!.async('string');
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    expect(document).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1985" w:left="1588"/u); // 3.7 / 2.6 / 3.5 / 2.8 cm
    const styles = await zip.file('word/styles.xml')!.async('string');
    const style = (id: string) => new RegExp(`<w:style[^>]*w:styleId="${id}"[\\s\\S]*?</w:style>`, 'u').exec(styles)?.[0] ?? '';
    expect(style('ReportTitle')).toContain('w:eastAsia="方正小标宋简体"');
    expect(style('ReportTitle')).toContain('<w:sz w:val="44"/>'); // 二号 22 pt
    expect(style('Heading1')).toContain('w:eastAsia="黑体"');
    expect(style('Heading2')).toContain('w:eastAsia="楷体_GB2312"');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:eastAsia="仿宋_GB2312"[\s\S]*<w:sz w:val="32"\/>/u); // 三号 16 pt
    const fonts = await zip.file('word/fontTable.xml')!.async('string');
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="黑体"/>');
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
    expect(Object.keys(zip.files).some((n) => /^word\/fonts\//u.test(n) || n.endsWith('.odttf'))).toBe(false); // not embedded
    const footer = await zip.file('word/footer1.xml')!.async('string');
    expect(footer).toContain('PAGE');
  });
});
