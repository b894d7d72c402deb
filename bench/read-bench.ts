/**
 * Reading cost per input format: `selfeval read <file> --format json` as a cold process — wall time, pages per second
 * and peak RSS — for the two real 部门决算 PDFs (with ruled tables, and by text gaps alone as the reader before them)
 * and for one 27-indicator report in every published form (.docx, LibreOffice's .pdf/.doc/.html, .xlsx/.xls, a scan).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess, BIN, ROOT } from './process-probe.js';

type Row = [what: string, measured: string, aim: string, verdict: string];

async function pageCount(bytes: Uint8Array): Promise<number> {
  const { getDocumentProxy } = await import('unpdf');
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const pages = pdf.numPages;
  await pdf.destroy();
  return pages;
}

function measure(path: string, env: NodeJS.ProcessEnv = {}): { seconds: number; peakMb: number; ok: boolean } {
  const run = runProcess([BIN, 'read', path, '--format', 'json'], { env });
  return { seconds: run.seconds, peakMb: run.peakMb, ok: run.status === 0 };
}

export async function readRows(): Promise<Row[]> {
  const { readFileSync } = await import('node:fs');
  const rows: Row[] = [];
  const line = (label: string, pages: number, m: { seconds: number; peakMb: number; ok: boolean }, aim = '—', verdict = '—'): Row =>
    [label, m.ok ? `${m.seconds.toFixed(2)} s，${pages > 0 ? `${(pages / m.seconds).toFixed(1)} 页/s，` : ''}峰值 ${m.peakMb.toFixed(0)} MB` : '读取失败', aim, m.ok ? verdict : '❌ 未读出'];
  for (const name of ['上海市普陀区财政局2024年度部门决算', '附件2：部门决算模板']) {
    const path = join(ROOT, '..', 'shared', 'pdf', `${name}.pdf`);
    const pages = await pageCount(new Uint8Array(readFileSync(path)));
    const ruled = measure(path);
    const gaps = measure(path, { SELFEVAL_PDF_RULINGS: 'off' });
    rows.push(line(`读取 ${name}.pdf（${pages} 页，表格线 + 文字间隙）`, pages, ruled, `≤ 文字间隙读法的 3 倍（${(3 * gaps.seconds).toFixed(2)} s）`,
      ruled.seconds <= 3 * gaps.seconds ? '✅ 达到' : `❌ 差 ${(ruled.seconds - 3 * gaps.seconds).toFixed(2)} s：读取绘图指令需解析字体`));
    rows.push(line(`读取 ${name}.pdf（只按文字间隙，旧读法）`, pages, gaps));
  }
  const { convertWith, hasOcr, hasSoffice, scanOf, wrappedReportDocx, wrappedReportXlsx } = await import('../test/document/wrapped-report.js');
  const dir = mkdtempSync(join(tmpdir(), 'selfeval-read-bench-'));
  const docx = await wrappedReportDocx();
  const xlsx = await wrappedReportXlsx();
  const files: [string, Uint8Array][] = [['报告.docx', docx], ['自评表.xlsx', xlsx]];
  if (hasSoffice) {
    const pdf = convertWith(docx, 'docx', 'pdf');
    files.push(['报告.pdf', pdf], ['报告.doc', convertWith(docx, 'docx', 'doc')], ['报告.html', convertWith(docx, 'docx', 'html')], ['自评表.xls', convertWith(xlsx, 'xlsx', 'xls')]);
    if (hasOcr) files.push(['扫描件.pdf', await scanOf(pdf)]);
  }
  const pdfPages = hasSoffice ? await pageCount(files.find(([n]) => n === '报告.pdf')![1]) : 1;
  for (const [name, bytes] of files) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const pages = name.endsWith('.pdf') ? pdfPages : 0; // pages/s only where the format has pages
    rows.push(line(`读取 27 项指标报告 ${name}${name.endsWith('.pdf') ? `（${pages} 页）` : ''}`, pages, measure(path),
      name === '扫描件.pdf' ? 'OCR：每页数秒' : name.endsWith('.doc') || name.endsWith('.xls') ? '含 LibreOffice 转换（冷启动数秒）' : '—'));
  }
  return rows;
}
