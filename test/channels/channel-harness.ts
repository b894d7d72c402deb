import type { TurnHandler } from '../../src/assistant/turn.ts';
import { loadConfig } from '../../src/config/env.ts';
import type { KnowledgeIngester } from '../../src/channels/knowledge-ingester.ts';
import { createLogger } from '../../src/channels/logger.ts';
import { createChannelServer, type ChannelServer } from '../../src/channels/server.ts';
import type { Database } from '../../src/store/database.ts';

export const SLACK_SECRET = 'test-signing-secret';

export interface HarnessOptions {
  db: Database;
  assistant: TurnHandler;
  env: Record<string, string>;
  ingester?: KnowledgeIngester;
}

export interface RunningServer {
  url: string;
  server: ChannelServer;
  logs: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Start the real channel server (Bolt + WeCom handler) on a loopback port with the given environment. */
export async function startChannelServer(options: HarnessOptions): Promise<RunningServer> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>) });
  const server = await createChannelServer({
    config: loadConfig(options.env),
    db: options.db,
    assistant: options.assistant,
    ingester: options.ingester,
    logger,
  });
  const port = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${port}`, server, logs, close: () => server.close(5_000) };
}

export function slackEnv(apiUrl: string, botToken: string, extra: Record<string, string> = {}): Record<string, string> {
  return { SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: apiUrl, ...extra };
}

export function wecomEnv(app: { token: string; corpId: string; encodingAesKey: string }, apiBase: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECOM_CORP_ID: app.corpId,
    WECOM_AGENT_ID: '1000002',
    WECOM_SECRET: 'app-secret',
    WECOM_TOKEN: app.token,
    WECOM_ENCODING_AES_KEY: app.encodingAesKey,
    WECOM_API_BASE: apiBase,
    ...extra,
  };
}

const TERMINAL = new Set(['delivery.done', 'delivery.duplicate', 'delivery.failed', 'delivery.claim_failed']);

/** How many deliveries (optionally whose key starts with `prefix`) reached an outcome, over the given servers' logs. */
export function outcomes(servers: RunningServer[], prefix = ''): number {
  return servers
    .flatMap((s) => s.logs)
    .filter((l) => TERMINAL.has(String(l.event)) && String(l.delivery ?? '').startsWith(prefix)).length;
}

/** How many log lines with this event the servers wrote. */
export function logCount(servers: RunningServer[], event: string): number {
  return servers.flatMap((s) => s.logs).filter((l) => l.event === event).length;
}

/**
 * The real assistant (offline, bundled knowledge, store memory) behind the real channel server, on a fresh test
 * database, with the given channel environment. `close` stops all three.
 */
export async function startRealAssistantServer(env: Record<string, string>): Promise<RunningServer & { dispose(): Promise<void> }> {
  const [{ openAssistant }, { createTestDatabase }] = await Promise.all([import('../../src/assistant/open-assistant.ts'), import('../helpers/test-database.ts')]);
  const test = await createTestDatabase();
  const opened = await openAssistant(loadConfig({ ...env, SELFEVAL_DATA_DIR: test.config.dataDir }), { memory: 'store', ensureBundled: true });
  const server = await startChannelServer({ db: test.db, assistant: opened.assistant, env });
  return {
    ...server,
    dispose: async () => {
      await server.close();
      await opened.close();
      await test.dispose();
    },
  };
}
