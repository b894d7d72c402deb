import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import type { Outgoing } from '../handle-delivery.js';
import { chunkText, renderNotice, renderReplyBlocks } from './render-blocks.js';

/** Drafts longer than this are also uploaded as a file (files.uploadV2), so they can be pasted as they are. */
export const LONG_DRAFT_CHARS = 800;

export interface SlackTarget {
  channel: string;
  threadTs: string | undefined; // undefined: top level (a DM conversation)
}

/** Post an outgoing message as Block Kit, plus the long draft as a file when there is one. */
export async function postSlackReply(client: WebClient, target: SlackTarget, outgoing: Outgoing): Promise<void> {
  const message = outgoing.kind === 'reply' ? renderReplyBlocks(outgoing.reply) : renderNotice(outgoing.text);
  await client.chat.postMessage({ channel: target.channel, thread_ts: target.threadTs, text: message.text, blocks: message.blocks });
  if (outgoing.kind !== 'reply') return;
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
