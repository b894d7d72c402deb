import type { webApi } from '@slack/bolt';
import { z } from 'zod';

type WebClient = webApi.WebClient;
import type { Outgoing } from '../handle-delivery.js';
import { chunkText, renderNotice, renderReplyBlocks } from './render-blocks.js';

/** Drafts longer than this are also uploaded as a file (files.uploadV2), so they can be pasted as they are. */
export const LONG_DRAFT_CHARS = 800;

export interface SlackTarget {
  channel: string;
  threadTs: string | undefined; // undefined: top level (a DM conversation)
}

/** The metadata event type of the bot's replies; the payload carries the delivery key (see replyAlreadyPosted). */
export const REPLY_EVENT_TYPE = 'selfeval_reply';

/**
 * Post an outgoing message as Block Kit, plus the long draft as a file when there is one. With `deliveryKey`, the
 * first message carries it in its metadata, so a recovery after a crash can tell that it was posted.
 */
export async function postSlackReply(client: WebClient, target: SlackTarget, outgoing: Outgoing, deliveryKey?: string): Promise<void> {
  const message = outgoing.kind === 'reply' ? renderReplyBlocks(outgoing.reply) : renderNotice(outgoing.text);
  await client.chat.postMessage({
    channel: target.channel,
    thread_ts: target.threadTs,
    text: message.text,
    blocks: message.blocks,
    ...(deliveryKey ? { metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { key: deliveryKey } } } : {}),
  });
  if (outgoing.kind !== 'reply') return;
  for (const file of outgoing.reply.files ?? []) await (await import('./upload-slack-file.js')).uploadSlackFile(client, target, file);
  const draft = outgoing.reply.draft;
  if (!draft || [...draft.text].length <= LONG_DRAFT_CHARS) return;
  const upload = {
    channel_id: target.channel,
    filename: `${draft.section}.txt`,
    title: `${draft.section}（草稿）`,
    content: draft.text,
  };
  try {
    await client.filesUploadV2(target.threadTs ? { ...upload, thread_ts: target.threadTs } : upload);
  } catch {
    // Uploads can be refused (workspace policy, missing files:write): the draft still reaches the user as messages.
    for (const piece of chunkText(draft.text, 2900)) {
      await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text: piece });
    }
  }
}

const MessagesPage = z.object({
  messages: z
    .array(z.looseObject({ metadata: z.looseObject({ event_type: z.string().optional(), event_payload: z.unknown().optional() }).optional() }))
    .default([]),
});

/**
 * Slack's side of idempotency: whether the bot's reply for `deliveryKey` is already in the conversation (the thread,
 * or the channel's recent history for a top-level reply), found by the key in the message metadata.
 */
export async function replyAlreadyPosted(client: WebClient, target: SlackTarget, deliveryKey: string): Promise<boolean> {
  const page = target.threadTs
    ? await client.conversations.replies({ channel: target.channel, ts: target.threadTs, include_all_metadata: true, limit: 200 })
    : await client.conversations.history({ channel: target.channel, include_all_metadata: true, limit: 100 });
  const parsed = MessagesPage.safeParse(page);
  if (!parsed.success) return false;
  return parsed.data.messages.some((m) => {
    const payload = m.metadata?.event_payload as { key?: unknown } | undefined;
    return m.metadata?.event_type === REPLY_EVENT_TYPE && payload?.key === deliveryKey;
  });
}

/**
 * How long a postMessage that was on its way when the server died may take to show up in the conversation. Slack
 * accepts the request and may post it after the caller is gone: looking once and resending at once would post the
 * reply twice.
 */
export const POST_SETTLE_MS = 3_000;

/** Whether the reply is in the conversation, looking again after POST_SETTLE_MS before answering no. */
export async function replySettled(client: WebClient, target: SlackTarget, deliveryKey: string, settleMs = POST_SETTLE_MS): Promise<boolean> {
  if (await replyAlreadyPosted(client, target, deliveryKey)) return true;
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  return replyAlreadyPosted(client, target, deliveryKey);
}
