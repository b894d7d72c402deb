import type { Command } from 'commander';
import { READABLE_LIST } from '../../document/read-document.js';
import { isSectionKind, SECTION_KINDS } from '../../drafting/section-kinds.js';
import { acceptTextOrJson, explainUserFixable, readReportOrExplain } from '../assistant-cli.js';
import type { Config } from '../../config/env.js';
import type { Report } from '../../model/index.js';
import type { PreviousYear } from '../../drafting/previous-year.js';

interface DraftOptions {
  report?: string;
  format: string;
  shorter?: boolean;
  figures?: string;
  out?: string;
  scope: string;
}

export function registerDraft(program: Command): void {
  program
    .command('draft')
    .description('根据报告数据和检查结果起草章节：存在问题、相关建议、自评结论、部门整体收支情况、主要绩效、上年问题整改情况（对照知识库里的上年报告）')
    .argument('<章节>', `${SECTION_KINDS.join(' | ')} | 全文`)
    .option('-r, --report <文件>', `自评报告（${READABLE_LIST}）`)
    .option('--figures <数据表>', '起草全文：填好的年度数据表（selfeval template 生成）')
    .option('-o, --out <文件>', '起草全文：写出的文件（.docx 或 .md）')
    .option('-f, --format <格式>', '输出格式：text 或 json；起草全文时为 docx 或 md', 'text')
    .option('--shorter', '写精简版')
    .option('-s, --scope <范围>', '上年报告所在的知识库范围（上年问题整改情况、与上年比较时用）', 'past')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText('after', [
      '',
      '草稿中的每个数字都能在报告、检查结果或本次计算中找到出处，--format json 的 numbers 字段逐个列出。',
      '上年问题整改情况：逐条列出同一单位上年报告（先用 selfeval ingest 去年报告 --scope past 入库）的存在问题，',
      '注明上年报告的位置和今年报告对应指标的得分、数值；今年报告没写的，直说没有写明是否整改。',
      '知识库里有上年报告时，自评结论写上年自评得分；部门整体收支情况在今年报告没写上年数时取上年报告的数，均注明出处。',
      '配置了模型（CHAT_MODEL）时由模型润色，润色稿同样经过数字核对；核对不通过则给出模板草稿并说明原因。',
      '',
      '示例：',
      '  selfeval draft 存在问题 --report 自评报告.txt',
      '  selfeval draft 相关建议 --report 自评报告.txt --format json',
      '  selfeval draft 上年问题整改情况 --report 今年的报告.docx',
      '  selfeval draft 全文 --figures 数据.xlsx --out 自评报告.docx',
      '  selfeval draft 全文 --report 去年的报告.docx --format md',
    ].join('\n'))
    .action(async (section: string, options: DraftOptions) => {
      if (section === '全文') process.exitCode = await (await import('./draft-full.js')).runFullDraft(options);
      else process.exitCode = await runDraft(section, options);
    });
}

async function runDraft(section: string, options: DraftOptions): Promise<number> {
  if (!isSectionKind(section)) {
    process.stderr.write(`不支持起草“${section}”，可选：${SECTION_KINDS.join('、')}。\n`);
    return 2;
  }
  if (!acceptTextOrJson(options.format)) return 2;
  if (!options.report) {
    process.stderr.write('请用 --report 指定要起草的自评报告文件。\n');
    return 2;
  }
  const reportPath = options.report;
  const report = await readReportOrExplain(reportPath);
  if (!report) return 2;
  // Heavy modules (rubric, analysis, drafting, model client) load only when a draft is made, not for --help.
  const [{ loadConfig }, { loadRubric }, { analyzeReport }, { composeDraft }, { llmSettingsFrom }] = await Promise.all([
    import('../../config/env.js'),
    import('../../rubric/load-rubric.js'),
    import('../../assistant/report-context.js'),
    import('../../assistant/draft-service.js'),
    import('../../assistant/llm/llm-settings.js'),
  ]);
  return explainUserFixable(async () => {
    const config = loadConfig();
    const rubric = await loadRubric();
    const context = analyzeReport(reportPath, report, rubric);
    let previousYear: PreviousYear | undefined;
    try {
      previousYear = await previousYearFor(section, context.report, config, options.scope);
    } catch (error) {
      if (!(error instanceof Error && error.name === 'ScopeError')) throw error;
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    const result = await composeDraft(context, section, { shorter: options.shorter ?? false, llm: llmSettingsFrom(config.llm), ...(previousYear ? { previousYear } : {}) });
    for (const note of result.notes) process.stderr.write(`注意：${note}\n`);
    if (options.format === 'json') {
      const json = { section: result.section, text: result.text, numbers: result.numbers, mode: result.mode, notes: result.notes };
      process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    } else {
      const sources = result.numbers.map((n) => `  ${n.value} ← ${n.source}`);
      process.stdout.write(`${result.text}\n\n数字出处（${result.mode === 'llm' ? '模型润色' : '离线模板'}）：\n${sources.join('\n') || '  （无数字）'}\n`);
    }
    return 0;
  });
}

/**
 * The department's previous-year report from the knowledge base, for the sections that use it: always for
 * 上年问题整改情况 (an absent store holds no years), and for 自评结论 / 部门整体收支情况 (when the report leaves out its
 * 上年 totals) only when a store already exists — a draft never creates one. Other sections: undefined.
 */
async function previousYearFor(section: string, report: Report, config: Config, scope: string): Promise<PreviousYear | undefined> {
  const { lacksLastYearFigures } = await import('../../drafting/finances.js');
  const wanted = section === '上年问题整改情况' || section === '自评结论' || (section === '部门整体收支情况' && lacksLastYearFigures(report.figures));
  if (!wanted) return undefined;
  const { existsSync } = await import('node:fs');
  const { departmentOf } = await import('../../knowledge/past-report-facts.js');
  const storeExists = config.databaseUrl !== undefined || existsSync(config.dataDir);
  if (!storeExists) {
    if (section !== '上年问题整改情况') return undefined;
    const department = departmentOf(report);
    return { status: 'missing', scope, department, year: department && report.year !== null ? report.year : null, held: [] };
  }
  const [{ openKnowledgeBase }, { findPreviousYear }] = await Promise.all([
    import('../../knowledge/knowledge-base.js'),
    import('../../drafting/previous-year.js'),
  ]);
  const look = async () => {
    const kb = await openKnowledgeBase(config, { embedder: null, onNotice: (message) => process.stderr.write(`${message}\n`) });
    try {
      return await findPreviousYear({ reports: kb.past.reports, indicators: kb.past.indicators, list: kb.list }, report, scope);
    } finally {
      await kb.close().catch(() => undefined);
    }
  };
  if (section === '上年问题整改情况') return look(); // a store that cannot be opened is said (exit 2) by explainUserFixable
  try {
    return await look();
  } catch (error) {
    process.stderr.write(`注意：未能读取知识库里的上年报告（${error instanceof Error ? error.message : String(error)}），上年数只用报告自己写明的。\n`);
    return undefined;
  }
}
