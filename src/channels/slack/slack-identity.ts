import type { webApi } from '@slack/bolt';

/**
 * The bot's own ids (auth.test), fetched once and cached. A failed call is not cached: the next event tries again,
 * so a Slack outage at start-up does not leave the app broken (Bolt's own token verification would cache the failure).
 */
export interface SlackIdentity {
  get(): Promise<{ botId: string; botUserId: string }>;
}

export class SlackTokenError extends Error {
  readonly code = 'slack-token-invalid';
  constructor(reason: string, options?: { cause?: unknown }) {
    super(`SLACK_BOT_TOKEN 无效（Slack 返回 ${reason}），请检查机器人令牌（xoxb-…）是否正确、应用是否已安装到工作区。`, options);
    this.name = 'SlackTokenError';
  }
}

const TOKEN_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

export function createSlackIdentity(client: webApi.WebClient): SlackIdentity {
  let pending: Promise<{ botId: string; botUserId: string }> | undefined;
  return {
    get() {
      pending ??= client.auth
        .test()
        .then((result) => {
          if (!result.user_id || !result.bot_id) throw new Error('auth.test returned no bot ids');
          return { botId: result.bot_id, botUserId: result.user_id };
        })
        .catch((error: unknown) => {
          pending = undefined;
          const reason = (error as { data?: { error?: unknown } }).data?.error;
          if (typeof reason === 'string' && TOKEN_ERRORS.has(reason)) throw new SlackTokenError(reason, { cause: error });
          throw error;
        });
      return pending;
    },
  };
}
