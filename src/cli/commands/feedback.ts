import type { Command } from 'commander';

interface FeedbackOptions {
  limit: string;
  format: 'text' | 'json';
}

/**
 * `selfeval feedback`: the answers users marked 👎 in chat (WeCom 智能机器人 feedback events), newest first, with the
 * question, the answer, the reasons and the user's words — for the team to review.
 */
export function registerFeedback(program: Command): void {
  program
    .command('feedback')
    .description('列出聊天中用户点了“踩”（👎）的回答：问题、回答、原因，供团队复查')
    .option('-n, --limit <条数>', '最多列出几条', '50')
    .option('--format <格式>', '输出格式：text 或 json', 'text')
    .helpOption('-h, --help', '显示帮助')
    .action(async (options: FeedbackOptions) => {
      process.exitCode = await listMarkedDown(options);
    });
}

async function listMarkedDown(options: FeedbackOptions): Promise<number> {
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
    process.stderr.write(`条数无效：${options.limit}（应为 1 到 10000）。\n`);
    return 2;
  }
  if (options.format !== 'text' && options.format !== 'json') {
    process.stderr.write(`格式无效：${String(options.format)}（应为 text 或 json）。\n`);
    return 2;
  }
  const [{ ConfigError, loadConfig }, { StoreError }, { openDatabase }, { createFeedbackStore }] = await Promise.all([
    import('../../config/env.js'),
    import('../../store/database.js'),
    import('../../store/open-database.js'),
    import('../../store/chat-feedback.js'),
  ]);
  let db: Awaited<ReturnType<typeof openDatabase>> | undefined;
  try {
    db = await openDatabase(loadConfig());
    const rows = await createFeedbackStore(db).markedDown(limit);
    if (options.format === 'json') {
      process.stdout.write(`${JSON.stringify({ markedDown: rows }, null, 2)}\n`);
      return 0;
    }
    if (rows.length === 0) {
      process.stdout.write('还没有被用户点“踩”的回答。\n');
      return 0;
    }
    const blocks = rows.map((row, index) => {
      // WeCom sends the reasons the user ticked as numbers (inaccurate_reason_list); shown as they came.
      const reasons = row.reasons.join('、');
      return [
        `${index + 1}. ${row.ratedAt?.toISOString().slice(0, 16).replace('T', ' ') ?? ''}  ${row.user}（${row.channel}，${row.mode === 'llm' ? '模型' : '离线'}）`,
        `   问：${oneLine(row.question) || '（发送了文件）'}`,
        `   答：${oneLine(row.answer, 200)}`,
        ...(reasons ? [`   企业微信原因代码：${reasons}`] : []),
        ...(row.comment ? [`   用户说：${oneLine(row.comment)}`] : []),
      ].join('\n');
    });
    process.stdout.write(`${blocks.join('\n\n')}\n\n共 ${rows.length} 条被点“踩”的回答。\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    await db?.close().catch(() => undefined);
  }
}

function oneLine(text: string, max = 120): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}
