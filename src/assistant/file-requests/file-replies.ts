import { extname, parse } from 'node:path';
import type { Attachment, Reply, ReplyFile, Turn, TurnHandler } from '../turn.js';
import type { Rubric } from '../../model/index.js';
import { isReadableName } from '../../document/read-document.js';

/**
 * Chat file requests (给我模板 / 起草全文 + 数据表 / 批注 + 报告): the assistant's floor, calling drafting/ and checks/
 * below it (drafting/ never imports the assistant's turn types).
 */

/** What a chat message asks for in files: the empty template, a drafted report, or an annotated copy. */
export type FileRequest = 'template' | 'draft' | 'annotate';

const TEMPLATE = /模板|数据表/u;
const WANTS = /给我|发我|要|下载|生成|来一?份|发一?份/u;
const DRAFT = /起草全文|全文起草|写全文|生成全文|起草(?:整份)?报告|生成报告/u;
const ANNOTATE = /批注/u;

/** Which file the turn asks for, or null (the assistant answers as usual). */
export function fileRequestOf(turn: Pick<Turn, 'text' | 'attachments'>): FileRequest | null {
  const text = turn.text.replace(/\s+/gu, '');
  const workbook = turn.attachments.some((a) => extname(a.name).toLowerCase() === '.xlsx');
  if (DRAFT.test(text) && workbook) return 'draft';
  if (ANNOTATE.test(text) && turn.attachments.some((a) => isReadableName(a.name))) return 'annotate';
  if (TEMPLATE.test(text) && WANTS.test(text) && turn.attachments.length === 0) return 'template';
  return null;
}

const reply = (text: string, files: ReplyFile[] = [], notes: string[] = []): Reply => ({ text, citations: [], findings: [], mode: 'offline', notes, ...(files.length > 0 ? { files } : {}) });

async function templateReply(rubric: Rubric): Promise<Reply> {
  const { templateData } = await import('../../drafting/workbook/template-data.js');
  const { writeFiguresWorkbook } = await import('../../drafting/workbook/write-workbook.js');
  const bytes = await writeFiguresWorkbook(templateData(rubric));
  return reply(
    '这是年度数据表模板（6 张工作表：基本情况、收支、预算执行、项目、指标得分、加减分）。填好后发回来并说“起草全文”，我起草整份自评报告（Word）。',
    [{ name: '数据.xlsx', title: '年度数据表（模板）', bytes }],
  );
}

async function draftReply(workbook: Attachment, rubric: Rubric): Promise<Reply> {
  const { draftFromWorkbook } = await import('../../drafting/document/draft-full-report.js');
  const drafted = await draftFromWorkbook(workbook.bytes, rubric, 'docx');
  if (!drafted.ok) {
    const list = drafted.problems.slice(0, 20).map((p) => `- ${p.message}`).join('\n');
    const more = drafted.problems.length > 20 ? `\n……另有 ${drafted.problems.length - 20} 处` : '';
    return reply(`数据表“${workbook.name}”有 ${drafted.problems.length} 处需要修改，改好后再发给我：\n${list}${more}`);
  }
  const { draft } = drafted.file;
  const check = draft.selfCheck;
  const name = `${drafted.data.basics.department || parse(workbook.name).name}${drafted.data.basics.year ?? ''}年度自评报告（草稿）.docx`;
  return reply(
    `已按数据表起草整份自评报告（Word）。自查：${check.leaves} 项末级指标，总分 ${check.total ?? '（未写明）'}，错误 ${check.errors.length} 个。每个数字都由数据表计算，增减率和比率都写明了算式，请核对后定稿。`,
    [{ name, title: draft.title, bytes: drafted.file.bytes }],
    draft.notes,
  );
}

async function annotateReply(report: Attachment, rubric: Rubric): Promise<Reply> {
  const { readReportBytes } = await import('../../report/parse-report.js');
  const { checkReport } = await import('../../checks/engine.js');
  const { annotateReport, annotatedExtension } = await import('../../checks/annotate/annotate-file.js');
  const { annotatedFindings } = await import('../../checks/annotate/comment-text.js');
  const { placeOf } = await import('../../checks/format/place.js');
  const parsed = await readReportBytes(report.name, report.bytes);
  if (!parsed.ok) return reply(parsed.problems[0]?.message ?? `无法读取 ${report.name}。`);
  const outcome = checkReport(parsed.report, rubric);
  const chosen = annotatedFindings(outcome.findings);
  const annotated = await annotateReport(report.name, report.bytes, outcome.report, outcome.findings);
  if (!annotated.ok) {
    const list = chosen.map((f) => `- ${placeOf(f)}：${f.message}`).join('\n');
    return { ...reply(`无法生成批注版：${annotated.reason}以下是检查结果：\n${list || '（没有错误和警告）'}`), findings: outcome.findings };
  }
  const name = `${parse(report.name).name}-批注版${annotatedExtension(report.name)}`;
  return {
    ...reply(chosen.length > 0 ? `已在“${report.name}”中加了 ${annotated.comments} 条批注（错误和警告各一条，作者 selfeval），见附件。` : `“${report.name}”没有发现错误和警告，附件是原文件。`, [{ name, title: `${report.name}（批注版）`, bytes: annotated.bytes }]),
    findings: outcome.findings,
  };
}

/** Answer a file request, or null when the turn is not one. */
export async function answerFileRequest(turn: Turn, rubric: Rubric): Promise<Reply | null> {
  const request = fileRequestOf(turn);
  if (request === 'template') return templateReply(rubric);
  if (request === 'draft') return draftReply(turn.attachments.find((a) => extname(a.name).toLowerCase() === '.xlsx')!, rubric);
  if (request === 'annotate') return annotateReply(turn.attachments.find((a) => isReadableName(a.name))!, rubric);
  return null;
}

/** The chat assistant with file requests in front: 给我模板 / 起草全文 + 数据表 / 批注 + 报告 come back as files. */
export function withFileReplies(assistant: TurnHandler, rubric: Rubric): TurnHandler {
  return {
    async handle(turn: Turn): Promise<Reply> {
      return (await answerFileRequest(turn, rubric)) ?? assistant.handle(turn);
    },
  };
}
