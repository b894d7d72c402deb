import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, SocketModeReceiver, webApi } from '@slack/bolt';
import type { Config } from '../../config/env.js';
import type { ScopeMap } from '../scopes.js';
import type { WorkTracker } from '../work-tracker.js';
import type { DeliveryDeps } from '../handle-delivery.js';
import { boltLogger } from './bolt-logger.js';
import { registerAppMention } from './on-app-mention.js';
import { registerDirectMessage } from './on-direct-message.js';
import { registerFileShared } from './on-file-shared.js';
import { registerSlashCommand } from './on-slash-command.js';
import { parseSlackPayload, scheduleSlack } from './slack-delivery.js';
import type { Orphan } from '../dedupe.js';
import { createSlackIdentity, SlackTokenError } from './slack-identity.js';
import { errorCode } from '../logger.js';

export const SLACK_EVENTS_PATH = '/slack/events';
export const SLACK_BODY_LIMIT = 512 * 1024;
const SLACK_FILE_ORIGIN = 'https://files.slack.com';

export interface SlackChannel {
  /** The HTTP endpoint (POST /slack/events); undefined in Socket Mode. */
  requestListener: RequestListener | undefined;
  /** auth.test (fails fast on a wrong token) and, in Socket Mode, the WebSocket connection. */
  start(): Promise<void>;
  /** Run a delivery taken over from a dead owner (its stored payload); false when the payload is not Slack's. */
  recover(orphan: Orphan): boolean;
  stop(): Promise<void>;
}

/**
 * The Bolt app: signatures and timestamps verified by Bolt's HTTPReceiver (mounted in our one HTTP server, which
 * refuses future timestamps first: Bolt checks only the past) or
 * Socket Mode when SLACK_APP_TOKEN is set. Events are acknowledged by Bolt before the listeners run; the listeners
 * only schedule the work, so the ack never waits for the assistant.
 */
export function createSlackChannel(
  slack: NonNullable<Config['slack']>,
  deps: DeliveryDeps & { scopeMap: ScopeMap; tracker: WorkTracker },
): SlackChannel {
  const logger = boltLogger(deps.logger.child({ channel: 'slack' }));
  const socketMode = slack.appToken !== undefined;
  const apiUrl = slack.apiUrl;
  // Retrying a post whose answer was lost would post twice; 429s are still waited out (rejectRateLimitedCalls false).
  const clientOptions = { ...(apiUrl ? { slackApiUrl: apiUrl } : {}), retryConfig: { retries: 0 }, timeout: 30_000, logger };
  const receiver = socketMode
    ? new SocketModeReceiver({ appToken: slack.appToken!, logger, installerOptions: { clientOptions: apiUrl ? { slackApiUrl: apiUrl } : {} } })
    : // processBeforeResponse: the listeners record each delivery in the ledger before Slack gets its 200 (they only
      // schedule the work, so the ack still never waits for the assistant).
      new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: SLACK_EVENTS_PATH, logger, bodyLimit: SLACK_BODY_LIMIT, processBeforeResponse: true });
  const client = new webApi.WebClient(slack.botToken, clientOptions);
  const identity = createSlackIdentity(client);
  const app = new App({
    receiver,
    authorize: async () => ({ botToken: slack.botToken, ...(await identity.get()) }),
    logger,
    clientOptions,
    // No Bolt conversation store: nothing here reads context.conversation, and its lookup (a rejected promise with a
    // new Error for every unknown conversation) was a sixth of Bolt's work per event under a burst of acks.
    convoStore: false,
  });
  const fileOrigins = [SLACK_FILE_ORIGIN, ...(apiUrl ? [new URL(apiUrl).origin] : [])];
  const channelDeps = { ...deps, client, botToken: slack.botToken, fileOrigins };
  registerAppMention(app, channelDeps);
  registerDirectMessage(app, channelDeps);
  registerFileShared(app, channelDeps);
  registerSlashCommand(app, channelDeps);
  app.error(async (error) => deps.logger.error('slack.listener_failed', { channel: 'slack', errorCode: error.code }));
  return {
    requestListener: receiver instanceof HTTPReceiver ? receiver.requestListener : undefined,
    start: async () => {
      // A wrong token stops the start with a clear message; Slack being unreachable does not (retried per event).
      await identity.get().catch((error: unknown) => {
        if (error instanceof SlackTokenError) throw error;
        deps.logger.warn('slack.auth_test_failed', { channel: 'slack', errorCode: errorCode(error) });
      });
      if (socketMode) await app.start();
    },
    recover: (orphan) => {
      const payload = parseSlackPayload(orphan.payload);
      if (!payload) return false;
      scheduleSlack(channelDeps, payload, orphan);
      return true;
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
