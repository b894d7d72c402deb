import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Who sees what: each Slack workspace/channel/user and each WeCom corp/department/user maps to a knowledge scope.
 * The file named by SCOPES_FILE (JSON) looks like:
 *
 *   {
 *     "admins": ["slack:T0123:U0456", "wecom:ww0123:zhangsan"],
 *     "slack": { "T0123": { "default": "finance-bureau", "channels": { "C0789": "education-bureau" },
 *                           "users": { "U0999": "education-bureau" }, "admins": ["U0456"] } },
 *     "wecom": { "ww0123": { "default": "lechang-finance", "departments": { "2": "education-bureau" },
 *                            "users": { "zhangsan": "education-bureau" }, "admins": ["lisi"] } }
 *   }
 *
 * A 智能机器人 is keyed by its bot id: "wecomBot": { "<bot id>": { "default": …, "chats": { "<group chat id>": … },
 * "users": { "<userid>": … }, "admins": ["<userid>"] } }.
 *
 * Resolution (first match wins): Slack channel → Slack user → workspace default → "slack-<team id>";
 * WeCom user → the first of the user's departments that is mapped → corp default → "wecom-<corp id>".
 * Without a file every workspace and every corp is its own scope. "public" (the bundled knowledge everyone sees) can
 * not be a mapped scope, so nothing uploaded from chat ever becomes visible to another workspace or corp.
 */
const ScopeName = z
  .string()
  .regex(/^[\p{L}\p{N}_.-]{1,64}$/u, '范围名只能包含字母、数字、汉字、下划线、点和连字符，最长 64 个字符')
  .refine((name) => name !== 'public', '“public” 是所有人共享的内置知识，不能作为渠道的范围');
const IdMap = z.record(z.string().min(1), ScopeName);

const SlackTeam = z.strictObject({
  default: ScopeName.optional(),
  channels: IdMap.default({}),
  users: IdMap.default({}),
  admins: z.array(z.string().min(1)).default([]),
});
const WecomCorp = z.strictObject({
  default: ScopeName.optional(),
  departments: z
    .record(z.string().regex(/^\d+$/), ScopeName, { error: (issue) => (issue.code === 'invalid_key' ? '部门 id 必须是数字' : undefined) })
    .default({}),
  users: IdMap.default({}),
  admins: z.array(z.string().min(1)).default([]),
});
/** A 智能机器人 (keyed by its bot id): group chats and users map to scopes. */
const WecomBot = z.strictObject({
  default: ScopeName.optional(),
  chats: IdMap.default({}),
  users: IdMap.default({}),
  admins: z.array(z.string().min(1)).default([]),
});
export const ScopesFileSchema = z.strictObject({
  admins: z.array(z.string().regex(/^(slack|wecom):[^:]+:[^:]+$/, '管理员写成 slack:<团队>:<用户> 或 wecom:<企业>:<用户>')).default([]),
  slack: z.record(z.string().min(1), SlackTeam).default({}),
  wecom: z.record(z.string().min(1), WecomCorp).default({}),
  wecomBot: z.record(z.string().min(1), WecomBot).default({}),
});
export type ScopesFile = z.infer<typeof ScopesFileSchema>;

export class ScopesFileError extends Error {
  readonly code = 'scopes-file-invalid';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ScopesFileError';
  }
}

export interface ScopeMap {
  slackScope(input: { team: string; channel: string; user: string }): string;
  /** Whether the WeCom scope depends on the user's departments (so the caller needs to look them up). */
  wecomNeedsDepartments(corp: string): boolean;
  wecomScope(input: { corp: string; user: string; departments?: readonly number[] }): string;
  /** 智能机器人: group chat → user → bot default → "wecom-bot-<bot id>" (a one-to-one chat has no chat id). */
  wecomBotScope(input: { bot: string; chat?: string | undefined; user: string }): string;
  /** Admins may add documents to their scope's shared knowledge from chat. `user` is channel-qualified. */
  isAdmin(user: string): boolean;
}

/** Read and validate SCOPES_FILE; no file → every workspace/corp is its own scope and nobody is an admin. */
export function loadScopeMap(path: string | undefined): ScopeMap {
  if (path === undefined) return createScopeMap(ScopesFileSchema.parse({}));
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : '不是有效的 JSON';
    throw new ScopesFileError(`SCOPES_FILE（${path}）无法读取：${reason}。`, { cause });
  }
  const parsed = ScopesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join('.') || '（根）'}：${issue.message}`);
    throw new ScopesFileError(`SCOPES_FILE（${path}）格式有误：${lines.join('；')}`);
  }
  return createScopeMap(parsed.data);
}

export function createScopeMap(file: ScopesFile): ScopeMap {
  // Ids come from users (a WeCom user id may be "constructor" or "__proto__"): look them up in Maps, never in
  // plain objects, so no id ever reaches Object.prototype.
  const admins = new Set(file.admins);
  const slack = new Map(Object.entries(file.slack).map(([team, entry]) => [team, idMaps(entry, ['channels', 'users'])] as const));
  const wecom = new Map(Object.entries(file.wecom).map(([corp, entry]) => [corp, idMaps(entry, ['departments', 'users'])] as const));
  for (const [team, entry] of Object.entries(file.slack)) for (const id of entry.admins) admins.add(`slack:${team}:${id}`);
  for (const [corp, entry] of Object.entries(file.wecom)) for (const id of entry.admins) admins.add(`wecom:${corp}:${id}`);
  const bots = new Map(Object.entries(file.wecomBot).map(([bot, entry]) => [bot, idMaps(entry, ['chats', 'users'])] as const));
  for (const [bot, entry] of Object.entries(file.wecomBot)) for (const id of entry.admins) admins.add(`wecom-bot:${bot}:${id}`);
  return {
    slackScope: ({ team, channel, user }) => {
      const entry = slack.get(team);
      return entry?.maps.channels?.get(channel) ?? entry?.maps.users?.get(user) ?? entry?.default ?? `slack-${team}`;
    },
    wecomNeedsDepartments: (corp) => (wecom.get(corp)?.maps.departments?.size ?? 0) > 0,
    wecomScope: ({ corp, user, departments = [] }) => {
      const entry = wecom.get(corp);
      const byUser = entry?.maps.users?.get(user);
      if (byUser) return byUser;
      for (const department of departments) {
        const scope = entry?.maps.departments?.get(String(department));
        if (scope) return scope;
      }
      return entry?.default ?? `wecom-${corp}`;
    },
    wecomBotScope: ({ bot, chat, user }) => {
      const entry = bots.get(bot);
      return (chat === undefined ? undefined : entry?.maps.chats?.get(chat)) ?? entry?.maps.users?.get(user) ?? entry?.default ?? `wecom-bot-${bot}`;
    },
    isAdmin: (user) => admins.has(user),
  };
}

function idMaps<K extends string>(
  entry: { default?: string | undefined } & Record<K, Record<string, string>>,
  names: readonly K[],
): { default: string | undefined; maps: Partial<Record<K, Map<string, string>>> } {
  const maps: Partial<Record<K, Map<string, string>>> = {};
  for (const name of names) maps[name] = new Map(Object.entries(entry[name]));
  return { default: entry.default, maps };
}
