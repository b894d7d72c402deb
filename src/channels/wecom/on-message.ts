import type { Config } from '../../config/env.js';
import { parseChatCommand, type ChatCommand } from '../chat-command.js';
import { ChannelFileError, handleDelivery, type DeliveryDeps, type IncomingFile, type Outgoing } from '../handle-delivery.js';
import type { ScopeMap } from '../scopes.js';
import { USER_MESSAGES } from '../user-messages.js';
import { WecomApiError } from './api-error.js';
import type { WecomClient } from './client.js';
import { deliveryKey, WecomMessageSchema, type WecomMessage } from './payload.js';
import type { Claim } from '../dedupe.js';
import { errorCode } from '../logger.js';
import type { WorkTracker } from '../work-tracker.js';
import { renderWecomMarkdown } from './render-markdown.js';

export interface WecomChannelDeps extends DeliveryDeps {
  wecom: NonNullable<Config['wecom']>;
  client: WecomClient;
  scopeMap: ScopeMap;
}

/** Drafts longer than this are also sent as a file, so they can be pasted into the report as they are. */
export const LONG_DRAFT_CHARS = 800;

/** What a WeCom delivery needs to run again after a crash: the decrypted message (ids, words, media id; no secrets). */
export interface WecomPayload {
  kind: 'wecom-message';
  message: WecomMessage;
}

/** A stored payload back into a WeCom message (recovery); undefined when it is not one. */
export function parseWecomPayload(payload: unknown): WecomMessage | undefined {
  if (typeof payload !== 'object' || payload === null || (payload as { kind?: unknown }).kind !== 'wecom-message') return undefined;
  const parsed = WecomMessageSchema.safeParse((payload as { message?: unknown }).message);
  return parsed.success ? parsed.data : undefined;
}

/** Whether a message needs an answer (enter_agent, location events and the like do not: nothing is recorded). */
export function needsAnswer(message: WecomMessage): boolean {
  return message.MsgType !== 'event' || message.Event === 'subscribe';
}

/**
 * Before the 200: record the delivery (claim it). Returns the claim to run, or undefined for a duplicate. When the
 * store cannot record it, the user is told at once.
 */
export async function acceptWecom(deps: WecomChannelDeps & { tracker: WorkTracker }, message: WecomMessage): Promise<void> {
  const key = deliveryKey(deps.wecom.corpId, message);
  let claim: Claim | undefined;
  try {
    claim = await deps.ledger.claim(key, 'wecom', { kind: 'wecom-message', message } satisfies WecomPayload);
  } catch (error) {
    deps.logger.error('delivery.claim_failed', { channel: 'wecom', delivery: key, errorCode: errorCode(error) });
    deps.tracker.run(() => deps.client.sendText(message.FromUserName, USER_MESSAGES.failed).catch(() => undefined));
    return;
  }
  if (!claim) {
    deps.logger.info('delivery.duplicate', { channel: 'wecom', delivery: key });
    return;
  }
  scheduleWecom(deps, message, claim);
}

/** Queue a claimed delivery; its lease is renewed from now on (a queued delivery is still owned). */
export function scheduleWecom(deps: WecomChannelDeps & { tracker: WorkTracker }, message: WecomMessage, claim: Claim): void {
  const key = deliveryKey(deps.wecom.corpId, message);
  deps.leases?.hold(key);
  deps.tracker.run(() =>
    onWecomMessage(deps, message, claim)
      .catch((error: unknown) => deps.logger.error('wecom.work_failed', { channel: 'wecom', delivery: key, errorCode: errorCode(error) }))
      .finally(() => deps.leases?.release(key)),
  );
}

/** Work on one verified, decrypted WeCom message after the HTTP request was answered (or after a crash). */
export async function onWecomMessage(deps: WecomChannelDeps, message: WecomMessage, claim?: Claim): Promise<void> {
  const corp = deps.wecom.corpId;
  const user = message.FromUserName;
  const key = deliveryKey(corp, message);
  let command: ChatCommand;
  const files: IncomingFile[] = [];
  switch (message.MsgType) {
    case 'text':
      command = parseChatCommand(message.Content);
      break;
    case 'file':
      command = { kind: 'turn', text: '' };
      files.push(mediaFile(deps.client, message.MediaId, message.FileName));
      break;
    case 'event':
      if (!needsAnswer(message)) return; // enter_agent, location and the like need no answer
      command = { kind: 'help' };
      break;
    default:
      command = { kind: 'unsupported' };
  }
  await handleDelivery(
    deps,
    {
      key,
      channel: 'wecom',
      user: `wecom:${corp}:${user}`,
      thread: `wecom:${corp}:${user}`,
      scope: async () =>
        deps.scopeMap.wecomNeedsDepartments(corp)
          ? deps.scopeMap.wecomScope({ corp, user, departments: await deps.client.userDepartments(user) })
          : deps.scopeMap.wecomScope({ corp, user }),
      command,
      files: async () => files,
    },
    // No lookup on WeCom: a reply recorded as "sending" is sent again, with WeCom's duplicate check on.
    {
      send: (outgoing) => sendWecom(deps.client, user, outgoing, key),
      progress: (text) => deps.client.sendText(user, text), // a first message while a slow answer is made
    },
    claim ? { claim } : { payload: { kind: 'wecom-message', message } satisfies WecomPayload },
  );
}

export async function sendWecom(client: WecomClient, user: string, outgoing: Outgoing, deliveryKey?: string): Promise<void> {
  if (outgoing.kind === 'notice') return client.sendText(user, outgoing.text, deliveryKey);
  await client.sendMarkdown(user, renderWecomMarkdown(outgoing.reply), deliveryKey);
  for (const file of outgoing.reply.files ?? []) await client.sendFile(user, file.name, file.bytes); // media/upload, then a file message
  const draft = outgoing.reply.draft;
  if (draft && [...draft.text].length > LONG_DRAFT_CHARS) {
    await client.sendFile(user, `${draft.section}.txt`, new TextEncoder().encode(draft.text));
  }
}

function mediaFile(client: WecomClient, mediaId: string, fileName: string | undefined): IncomingFile {
  const fallback = fileName ?? 'report.txt';
  return {
    name: fallback,
    fetch: async () => {
      try {
        const media = await client.getMedia(mediaId);
        return { name: fileName ?? media.name ?? fallback, bytes: media.bytes };
      } catch (error) {
        if (error instanceof WecomApiError && error.message === 'media too large') {
          throw new ChannelFileError('file-too-large', USER_MESSAGES.fileTooLarge, { cause: error });
        }
        if (error instanceof WecomApiError && error.errcode !== undefined) {
          throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable, { cause: error });
        }
        throw error;
      }
    },
  };
}
