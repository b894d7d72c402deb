import { z } from 'zod';
import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import { parseChatCommand, parseSlashCommand, type ChatCommand } from '../chat-command.js';
import type { Claim } from '../dedupe.js';
import { handleDelivery, type DeliveryDeps, type IncomingFile, type Outgoing, type Sender } from '../handle-delivery.js';
import { errorCode } from '../logger.js';
import type { ScopeMap } from '../scopes.js';
import type { WorkTracker } from '../work-tracker.js';
import { downloadSlackFile, shareOf, slackFileInfo } from './fetch-slack-file.js';
import { postSlackReply, replySettled, type SlackTarget } from './post-slack-reply.js';
import type { FileInfo } from './slack-payloads.js';

export interface SlackChannelDeps extends DeliveryDeps {
  client: WebClient;
  botToken: string;
  scopeMap: ScopeMap;
  tracker: WorkTracker;
  /** Origins allowed to receive the bot token when downloading url_private (files.slack.com + SLACK_API_URL). */
  fileOrigins: readonly string[];
}

/**
 * What a Slack delivery needs to run again after a crash, stored in the ledger before the ack: ids and the user's
 * words only (no file bytes, no tokens; a slash command's response_url is not kept — a recovered command answers
 * in the channel instead).
 */
const MessagePayload = z.object({
  kind: z.literal('slack-message'),
  eventId: z.string(),
  team: z.string(),
  channel: z.string(),
  user: z.string(),
  threadTs: z.string().optional(), // reply in this thread; absent: top level (a DM conversation)
  text: z.string(),
  fileIds: z.array(z.string()),
});
const FileSharedPayload = z.object({
  kind: z.literal('slack-file-shared'),
  eventId: z.string(),
  team: z.string(),
  channel: z.string(),
  user: z.string(),
  fileId: z.string(),
});
const CommandPayload = z.object({
  kind: z.literal('slack-command'),
  team: z.string(),
  channel: z.string(),
  user: z.string(),
  trigger: z.string(),
  text: z.string(),
  threadTs: z.string().optional(),
});
export const SlackPayloadSchema = z.discriminatedUnion('kind', [MessagePayload, FileSharedPayload, CommandPayload]);
export type SlackPayload = z.infer<typeof SlackPayloadSchema>;

export function slackDeliveryKey(payload: SlackPayload): string {
  return payload.kind === 'slack-command'
    ? `slack:${payload.team}:command:${payload.trigger}`
    : `slack:${payload.team}:event:${payload.eventId}`;
}

/**
 * Before the ack: record the delivery (claim it) and schedule its work. A duplicate (a retry of a delivery another
 * live worker owns, or one already answered) is dropped here. When the store cannot record it, the user is told.
 */
export async function acceptSlack(
  deps: SlackChannelDeps,
  payload: SlackPayload,
  respond?: (message: Outgoing) => Promise<void>,
): Promise<void> {
  const key = slackDeliveryKey(payload);
  let claim: Claim | undefined;
  try {
    claim = await deps.ledger.claim(key, 'slack', payload);
  } catch (error) {
    deps.logger.error('delivery.claim_failed', { channel: 'slack', delivery: key, errorCode: errorCode(error) });
    const sender = senderFor(deps, payload, key, respond);
    deps.tracker.run(() => sender.send({ kind: 'notice', text: '抱歉，处理时出错了，请稍后再试。' }).catch(() => undefined));
    return;
  }
  if (!claim) {
    deps.logger.info('delivery.duplicate', { channel: 'slack', delivery: key });
    return;
  }
  scheduleSlack(deps, payload, claim, respond);
}

/**
 * Queue a claimed delivery. Its lease is renewed from now on, not only once it starts: a delivery waiting for a free
 * worker slot is still owned, and must not look abandoned to the sweep.
 */
export function scheduleSlack(deps: SlackChannelDeps, payload: SlackPayload, claim: Claim, respond?: (message: Outgoing) => Promise<void>): void {
  const key = slackDeliveryKey(payload);
  deps.leases?.hold(key);
  deps.tracker.run(() => runSlack(deps, payload, claim, respond).finally(() => deps.leases?.release(key)));
}

/** Run a claimed Slack delivery: at once after the ack, or after a crash (recovery, or the platform's retry). */
export async function runSlack(
  deps: SlackChannelDeps,
  payload: SlackPayload,
  claim: Claim,
  respond?: (message: Outgoing) => Promise<void>,
): Promise<void> {
  const key = slackDeliveryKey(payload);
  try {
    if (payload.kind === 'slack-command') {
      await handleDelivery(
        deps,
        {
          key,
          channel: 'slack',
          user: `slack:${payload.team}:${payload.user}`,
          // the same conversation as a mention in that thread (and its report), or the channel's top level
          thread: `slack:${payload.team}:${payload.threadTs ? `${payload.channel}:${payload.threadTs}` : payload.channel}`,
          scope: async () => deps.scopeMap.slackScope(payload),
          command: parseSlashCommand(payload.text),
          files: async () => [],
        },
        senderFor(deps, payload, key, respond),
        { claim },
      );
      return;
    }
    let message: z.infer<typeof MessagePayload>;
    let known: FileInfo | undefined;
    if (payload.kind === 'slack-file-shared') {
      let info: FileInfo;
      try {
        info = await slackFileInfo(deps.client, payload.fileId);
      } catch (error) {
        deps.logger.warn('slack.file_info_failed', { channel: 'slack', delivery: key, errorCode: errorCode(error) });
        await deps.ledger.fail(key, errorCode(error)).catch(() => undefined);
        return;
      }
      const share = shareOf(info, payload.channel);
      const isDirect = payload.channel.startsWith('D');
      const threadTs = share?.threadTs ?? (isDirect ? undefined : share?.ts);
      message = { ...payload, kind: 'slack-message', threadTs, text: '', fileIds: [payload.fileId] };
      known = info;
    } else {
      message = payload;
    }
    await runSlackMessage(deps, key, message, claim, known);
  } catch (error) {
    deps.logger.error('slack.work_failed', { channel: 'slack', delivery: key, errorCode: errorCode(error) });
  }
}

function senderFor(deps: SlackChannelDeps, payload: SlackPayload, key: string, respond?: (message: Outgoing) => Promise<void>): Sender {
  if (payload.kind === 'slack-command') {
    // response_url is known only to the request that carried it; a recovered command answers in the channel.
    return { send: respond ?? ((outgoing) => postSlackReply(deps.client, { channel: payload.channel, threadTs: undefined }, outgoing, key)) };
  }
  const target: SlackTarget = { channel: payload.channel, threadTs: payload.kind === 'slack-message' ? payload.threadTs : undefined };
  return { send: (outgoing) => postSlackReply(deps.client, target, outgoing, key) };
}

/**
 * Run one Slack message (mention, DM, shared file): claim each attached file once (a file arrives both in the
 * message and as file_shared; whichever comes first takes it), fetch, answer in place.
 */
async function runSlackMessage(
  deps: SlackChannelDeps,
  key: string,
  input: z.infer<typeof MessagePayload>,
  claim: Claim,
  known: FileInfo | undefined,
): Promise<void> {
  // the thread is the conversation (and holds its report); a DM's top level is one conversation
  const conversation = input.threadTs ? `${input.channel}:${input.threadTs}` : input.channel;
  const target: SlackTarget = { channel: input.channel, threadTs: input.threadTs };
  // A bare @mention (no words, no file) gets the help instead of silence.
  const command: ChatCommand = input.text === '' && input.fileIds.length === 0 ? { kind: 'help' } : parseChatCommand(input.text);
  await handleDelivery(
    deps,
    {
      key,
      channel: 'slack',
      user: `slack:${input.team}:${input.user}`,
      thread: `slack:${input.team}:${conversation}`,
      scope: async () => deps.scopeMap.slackScope({ team: input.team, channel: input.channel, user: input.user }),
      command,
      files: async () => {
        const files: IncomingFile[] = [];
        for (const id of input.fileIds) {
          const fileKey = `slack:${input.team}:file:${id}`;
          if (!(await deps.ledger.claimFile(fileKey, 'slack', key))) continue;
          files.push({
            name: known?.id === id ? known.name : id,
            claimKey: fileKey,
            fetch: async () =>
              downloadSlackFile(known?.id === id ? known : await slackFileInfo(deps.client, id), deps.botToken, deps.fileOrigins),
          });
        }
        return files;
      },
    },
    {
      send: (outgoing) => postSlackReply(deps.client, target, outgoing, key),
      delivered: () => replySettled(deps.client, target, key), // a post pending at the crash may still arrive
      progress: (text) => postSlackReply(deps.client, target, { kind: 'notice', text }), // no delivery key: not the reply
    },
    { claim },
  );
}

/** A stored payload back into a Slack delivery (recovery); undefined when it is not one. */
export function parseSlackPayload(payload: unknown): SlackPayload | undefined {
  const parsed = SlackPayloadSchema.safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}
