import { z } from 'zod';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The only reader of process.env. Parsed once with zod; failures become one Chinese message per variable.
 * Empty strings count as unset, so a copied .env.example with blank values behaves like no configuration.
 */
const optionalString = z.preprocess((v) => (v === '' ? undefined : v), z.string().optional());
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());
const optionalInt = (min: number) =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().int().min(min).optional());

export const EnvSchema = z.object({
  // storage
  SELFEVAL_DATA_DIR: optionalString, // PGlite data directory; default ~/.selfeval/pglite (or ./.selfeval when home is unwritable)
  DATABASE_URL: optionalUrl, // postgres://… → PostgreSQL + pgvector instead of PGlite
  // language model and embeddings (any OpenAI-compatible endpoint)
  OPENAI_BASE_URL: optionalUrl,
  OPENAI_API_KEY: optionalString,
  CHAT_MODEL: optionalString,
  EMBEDDING_MODEL: optionalString,
  EMBEDDING_DIMENSIONS: optionalInt(1),
  LLM_TIMEOUT_MS: optionalInt(100),
  // server
  PORT: optionalInt(0),
  LOG_LEVEL: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['debug', 'info', 'warn', 'error']).optional()),
  SCOPES_FILE: optionalString, // channel → knowledge scope map (JSON)
  // Slack
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: optionalUrl,
  // WeCom (企业微信) self-built application
  WECOM_CORP_ID: optionalString,
  WECOM_AGENT_ID: optionalString,
  WECOM_SECRET: optionalString,
  WECOM_TOKEN: optionalString,
  WECOM_ENCODING_AES_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^[A-Za-z0-9]{43}$/, 'WECOM_ENCODING_AES_KEY 必须是 43 位字母或数字').optional(),
  ),
  WECOM_API_BASE: optionalUrl,
  // WeCom 智能机器人 (AI bot): long connection (id + secret) and/or JSON callback (token + EncodingAESKey)
  WECOM_BOT_ID: optionalString,
  WECOM_BOT_SECRET: optionalString,
  WECOM_BOT_WS_URL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^wss?:\/\/\S+$/, 'WECOM_BOT_WS_URL 必须以 ws:// 或 wss:// 开头').optional()),
  WECOM_BOT_TOKEN: optionalString,
  WECOM_BOT_ENCODING_AES_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().regex(/^[A-Za-z0-9]{43}$/, 'WECOM_BOT_ENCODING_AES_KEY 必须是 43 位字母或数字').optional(),
  ),
});
export type RawEnv = z.infer<typeof EnvSchema>;

export interface Config {
  dataDir: string;
  databaseUrl: string | undefined;
  llm: { baseURL: string | undefined; apiKey: string; chatModel: string; timeoutMs: number } | undefined;
  embedding: { baseURL: string | undefined; apiKey: string; model: string; dimensions: number } | undefined;
  port: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  scopesFile: string | undefined;
  slack:
    | { signingSecret: string; botToken: string; appToken: string | undefined; apiUrl: string | undefined }
    | undefined;
  wecom:
    | { corpId: string; agentId: string; secret: string; token: string; encodingAesKey: string; apiBase: string }
    | undefined;
  /** The 智能机器人: `longConnection` when WECOM_BOT_ID and WECOM_BOT_SECRET are set, `callback` with token + key. */
  wecomBot:
    | {
        longConnection: { botId: string; secret: string; wsUrl: string } | undefined;
        callback: { token: string; encodingAesKey: string } | undefined;
      }
    | undefined;
}

export class ConfigError extends Error {
  readonly code = 'config-invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

const SLACK_KEYS = ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN'] as const;
const WECOM_KEYS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_ENCODING_AES_KEY'] as const;
const WECOM_BOT_LONG_KEYS = ['WECOM_BOT_ID', 'WECOM_BOT_SECRET'] as const;
const WECOM_BOT_CALLBACK_KEYS = ['WECOM_BOT_TOKEN', 'WECOM_BOT_ENCODING_AES_KEY'] as const;
/** WeCom's own long-connection address (the SDK's default); privately deployed WeCom has its own. */
export const WECOM_BOT_DEFAULT_WS_URL = 'wss://openws.work.weixin.qq.com';

/** Parse configuration from an environment (process.env by default). Throws ConfigError with a Chinese message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}：${i.message}`);
    throw new ConfigError(`配置有误：${lines.join('；')}`);
  }
  const e = parsed.data;
  const halfSet = (keys: readonly (keyof RawEnv)[], name: string) => {
    const present = keys.filter((k) => e[k] !== undefined);
    if (present.length > 0 && present.length < keys.length) {
      const missing = keys.filter((k) => e[k] === undefined);
      throw new ConfigError(`${name} 配置不完整：已设置 ${present.join('、')}，但缺少 ${missing.join('、')}。`);
    }
    return present.length === keys.length;
  };
  const slackOn = halfSet(SLACK_KEYS, 'Slack');
  if (!slackOn && e.SLACK_APP_TOKEN) throw new ConfigError('Slack 配置不完整：设置了 SLACK_APP_TOKEN，但缺少 SLACK_SIGNING_SECRET 和 SLACK_BOT_TOKEN。');
  const wecomOn = halfSet(WECOM_KEYS, '企业微信');
  const botLongOn = halfSet(WECOM_BOT_LONG_KEYS, '企业微信智能机器人长连接');
  const botCallbackOn = halfSet(WECOM_BOT_CALLBACK_KEYS, '企业微信智能机器人回调');
  if (!botLongOn && e.WECOM_BOT_WS_URL) throw new ConfigError('企业微信智能机器人配置不完整：设置了 WECOM_BOT_WS_URL，但缺少 WECOM_BOT_ID 和 WECOM_BOT_SECRET。');
  if (e.CHAT_MODEL && !e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) {
    throw new ConfigError('设置了 CHAT_MODEL，但没有设置 OPENAI_API_KEY 或 OPENAI_BASE_URL。');
  }
  if (e.EMBEDDING_MODEL && !e.EMBEDDING_DIMENSIONS) {
    throw new ConfigError('设置了 EMBEDDING_MODEL，还需要设置 EMBEDDING_DIMENSIONS（向量维度，例如 1536）。');
  }
  const apiKey = e.OPENAI_API_KEY ?? 'not-needed'; // local vLLM/Ollama servers accept any key
  return {
    dataDir: e.SELFEVAL_DATA_DIR ?? join(homedir(), '.selfeval', 'pglite'),
    databaseUrl: e.DATABASE_URL,
    llm: e.CHAT_MODEL
      ? { baseURL: e.OPENAI_BASE_URL, apiKey, chatModel: e.CHAT_MODEL, timeoutMs: e.LLM_TIMEOUT_MS ?? 30_000 }
      : undefined,
    embedding:
      e.EMBEDDING_MODEL && e.EMBEDDING_DIMENSIONS
        ? { baseURL: e.OPENAI_BASE_URL, apiKey, model: e.EMBEDDING_MODEL, dimensions: e.EMBEDDING_DIMENSIONS }
        : undefined,
    port: e.PORT ?? 3000,
    logLevel: e.LOG_LEVEL ?? 'info',
    scopesFile: e.SCOPES_FILE,
    slack: slackOn
      ? {
          signingSecret: e.SLACK_SIGNING_SECRET!,
          botToken: e.SLACK_BOT_TOKEN!,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
    wecom: wecomOn
      ? {
          corpId: e.WECOM_CORP_ID!,
          agentId: e.WECOM_AGENT_ID!,
          secret: e.WECOM_SECRET!,
          token: e.WECOM_TOKEN!,
          encodingAesKey: e.WECOM_ENCODING_AES_KEY!,
          apiBase: e.WECOM_API_BASE ?? 'https://qyapi.weixin.qq.com',
        }
      : undefined,
    wecomBot:
      botLongOn || botCallbackOn
        ? {
            longConnection: botLongOn
              ? { botId: e.WECOM_BOT_ID!, secret: e.WECOM_BOT_SECRET!, wsUrl: e.WECOM_BOT_WS_URL ?? WECOM_BOT_DEFAULT_WS_URL }
              : undefined,
            callback: botCallbackOn ? { token: e.WECOM_BOT_TOKEN!, encodingAesKey: e.WECOM_BOT_ENCODING_AES_KEY! } : undefined,
          }
        : undefined,
  };
}
