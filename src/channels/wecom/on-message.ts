import type { Config } from '../../config/env.js';
import { parseChatCommand, type ChatCommand } from '../chat-command.js';
import { ChannelFileError, handleDelivery, type DeliveryDeps, type IncomingFile, type Outgoing } from '../handle-delivery.js';
import type { ScopeMap } from '../scopes.js';
import { USER_MESSAGES } from '../user-messages.js';
import { WecomApiError } from './api-error.js';
import type { WecomClient } from './client.js';
import { deliveryKey, type WecomMessage } from './payload.js';
import { renderWecomMarkdown } from './render-markdown.js';

export interface WecomChannelDeps extends DeliveryDeps {
  wecom: NonNullable<Config['wecom']>;
  client: WecomClient;
  scopeMap: ScopeMap;
}

/** Drafts longer than this are also sent as a file, so they can be pasted into the report as they are. */
export const LONG_DRAFT_CHARS = 800;

/** Work on one verified, decrypted WeCom message after the HTTP request was answered. */
export async function onWecomMessage(deps: WecomChannelDeps, message: WecomMessage): Promise<void> {
  const corp = deps.wecom.corpId;
  const user = message.FromUserName;
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
      if (message.Event !== 'subscribe') {
        if (await deps.ledger.claim(deliveryKey(corp, message), 'wecom')) await deps.ledger.finish(deliveryKey(corp, message));
        return; // enter_agent, location and the like need no answer
      }
      command = { kind: 'help' };
      break;
    default:
      command = { kind: 'unsupported' };
  }
  await handleDelivery(
    deps,
    {
      key: deliveryKey(corp, message),
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
    (outgoing) => sendWecom(deps.client, user, outgoing),
  );
}

export async function sendWecom(client: WecomClient, user: string, outgoing: Outgoing): Promise<void> {
  if (outgoing.kind === 'notice') return client.sendText(user, outgoing.text);
  await client.sendMarkdown(user, renderWecomMarkdown(outgoing.reply));
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
