import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import type { OpenedAssistant } from '../../assistant/open-assistant.js';
import type { KnowledgeIngester } from '../../channels/knowledge-ingester.js';
import type { LogFields, Logger } from '../../channels/logger.js';
import type { Config } from '../../config/env.js';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.js';
import type { Database } from '../../store/database.js';
import { stopParseWorkers } from '../../report/worker/read-report-off-thread.js';

interface ServeOptions {
  port?: string;
  host: string;
  lease: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('启动聊天服务：Slack（POST /slack/events）、企业微信（/wecom/callback）和健康检查（GET /healthz）')
    .option('-p, --port <端口>', '监听端口（默认取 PORT，未设置时为 3000）')
    .option('--host <地址>', '监听地址', '0.0.0.0')
    .option('--lease <秒>', '消息处理租约（秒）：实例崩溃后，其未完成的消息在这么久后由其他实例或重启后的本实例接手', '15')
    .helpOption('-h, --help', '显示帮助')
    .addHelpText(
      'after',
      [
        '',
        '渠道按环境变量开启：Slack 需要 SLACK_SIGNING_SECRET 和 SLACK_BOT_TOKEN（设置 SLACK_APP_TOKEN 则改用 Socket Mode）；',
        '企业微信需要 WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET、WECOM_TOKEN、WECOM_ENCODING_AES_KEY。',
        '企业微信智能机器人：WECOM_BOT_ID 和 WECOM_BOT_SECRET 开启长连接（不需要公网地址）；WECOM_BOT_TOKEN 和 WECOM_BOT_ENCODING_AES_KEY 开启回调（/wecom/bot/callback）。',
        'SCOPES_FILE 指定渠道到知识范围的映射和管理员名单。按 Ctrl+C（或发送 SIGTERM）平稳停止：不再接收新请求，处理完在途消息后退出。',
      ].join('\n'),
    )
    .action(async (options: ServeOptions) => {
      process.exitCode = await runServe(options);
    });
}

async function runServe(options: ServeOptions): Promise<number> {
  // The server, Bolt, the assistant and the store load only when serving, not for --help.
  const [{ openAssistant }, { createLogger, errorCode }, { loadScopeMap, ScopesFileError }, { createChannelServer }, { ConfigError, loadConfig }, { openDatabase }] =
    await Promise.all([
      import('../../assistant/open-assistant.js'),
      import('../../channels/logger.js'),
      import('../../channels/scopes.js'),
      import('../../channels/server.js'),
      import('../../config/env.js'),
      import('../../store/open-database.js'),
    ]);
  let config: Config;
  try {
    config = loadConfig();
    loadScopeMap(config.scopesFile); // fail at start-up, with a Chinese message, on a broken SCOPES_FILE
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ScopesFileError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!config.slack && !config.wecom && !config.wecomBot) {
    process.stderr.write(
      '没有配置任何聊天渠道。请设置 Slack（SLACK_SIGNING_SECRET、SLACK_BOT_TOKEN）、企业微信（WECOM_CORP_ID、WECOM_AGENT_ID、WECOM_SECRET、WECOM_TOKEN、WECOM_ENCODING_AES_KEY）或企业微信智能机器人（WECOM_BOT_ID、WECOM_BOT_SECRET）的环境变量，参见 .env.example。\n',
    );
    return 2;
  }
  const port = options.port === undefined ? config.port : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`端口无效：${options.port}。\n`);
    return 2;
  }
  const leaseSeconds = Number(options.lease);
  if (!Number.isFinite(leaseSeconds) || leaseSeconds < 1 || leaseSeconds > 600) {
    process.stderr.write(`租约无效：${options.lease}（应为 1 到 600 秒）。\n`);
    return 2;
  }
  const logger = createLogger({ level: config.logLevel });
  let opened: OpenedAssistant | undefined;
  let db: Database | undefined;
  try {
    process.stderr.write('正在准备知识库和助手……\n');
    opened = await openAssistant(config, {
      memory: 'store',
      ensureBundled: true,
      onNotice: (message) => process.stderr.write(`${message}\n`),
      logger: assistantLogger(logger),
    });
    db = await openDatabase(config); // the same store instance (shared per directory/URL in this process)
    const server = await createChannelServer({
      config,
      db,
      assistant: (await import('../../assistant/file-requests/file-replies.js')).withFileReplies(opened.assistant, opened.rubric),
      ingester: chatIngester(opened.knowledge),
      logger,
      leaseSeconds,
      onNotice: (text) => process.stderr.write(`${text}\n`),
    });
    const bound = await server.listen(port, options.host);
    const on = (flag: boolean) => (flag ? '开' : '关');
    process.stderr.write(
      `selfeval 服务已启动：http://${options.host}:${bound}（Slack：${on(server.channels.slack)}${config.slack?.appToken ? '，Socket Mode' : ''}；企业微信：${on(server.channels.wecom)}；企业微信智能机器人：${botModes(server.channels.wecomBot)}）。按 Ctrl+C 停止。\n`,
    );
    const signal = await new Promise<string>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    process.stderr.write(`收到 ${signal}，正在停止：不再接收新请求，处理完在途消息……\n`);
    await server.close(30_000);
    await stopParseWorkers();
    process.stderr.write('已停止。\n');
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.error('serve.failed', { errorCode: errorCode(error) });
    process.stderr.write(`服务启动失败：${message}\n`);
    return 2;
  } finally {
    await db?.close().catch(() => undefined);
    await opened?.close().catch(() => undefined);
  }
}

function botModes(modes: { longConnection: boolean; callback: boolean } | false): string {
  if (!modes) return '关';
  const on = [...(modes.longConnection ? ['长连接'] : []), ...(modes.callback ? ['回调 /wecom/bot/callback'] : [])];
  return `开（${on.join('、')}）`;
}

/** Admin ingest from chat: the knowledge base reads files, so the bytes go through a private temporary folder. */
function chatIngester(knowledge: KnowledgeBase): KnowledgeIngester {
  return {
    async ingest({ scope, name, bytes }) {
      const folder = mkdtempSync(join(tmpdir(), 'selfeval-chat-ingest-'));
      try {
        const safeName = basename(name).replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_') || 'document.txt';
        const path = join(folder, safeName);
        writeFileSync(path, bytes);
        const summary = await knowledge.ingest([path], { scope });
        const file = summary.files[0];
        if (!file || file.status === 'failed') return { ok: false, message: file?.message ?? '无法读取这个文件。' };
        return { ok: true, title: safeName.replace(/\.[^.]+$/, ''), chunks: file.chunks };
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    },
  };
}

/** The assistant's log events into the server's JSON log (primitive fields only). */
function assistantLogger(logger: Logger): { info(event: string, fields?: Record<string, unknown>): void; warn(event: string, fields?: Record<string, unknown>): void } {
  const primitive = (fields: Record<string, unknown> = {}): LogFields =>
    Object.fromEntries(Object.entries(fields).filter(([, v]) => ['string', 'number', 'boolean'].includes(typeof v))) as LogFields;
  return {
    info: (event, fields) => logger.info(`assistant.${event}`, primitive(fields)),
    warn: (event, fields) => logger.warn(`assistant.${event}`, primitive(fields)),
  };
}
