import type { App, RespondFn } from '@slack/bolt';
import type { Outgoing } from '../handle-delivery.js';
import { renderNotice, renderReplyBlocks } from './render-blocks.js';
import { SlashCommandSchema } from './slack-payloads.js';
import { acceptSlack, type SlackChannelDeps } from './slack-delivery.js';

/**
 * `/selfeval check | ask 问题 | draft 章节 | reset | ingest | help`: recorded, acked with a short note, answered
 * through the command's response_url, visible only to the user unless it ends in "post" (公开). The conversation is the
 * thread the command was given in (when the client says so), else the channel's top level.
 */
export function registerSlashCommand(app: App, deps: SlackChannelDeps): void {
  app.command('/selfeval', async ({ ack, body, respond }) => {
    const parsed = SlashCommandSchema.safeParse(body);
    if (!parsed.success) {
      await ack();
      return;
    }
    const { team_id: team, channel_id: channel, user_id: user, trigger_id: trigger, text, thread_ts: threadTs } = parsed.data;
    const post = PUBLIC.test(text);
    const words = text.replace(PUBLIC, '').trim();
    await acceptSlack(deps, { kind: 'slack-command', team, channel, user, trigger, text: words, ...(threadTs ? { threadTs } : {}) }, (outgoing) => respondWith(respond, outgoing, post));
    await ack({ response_type: 'ephemeral', text: '收到，正在处理……' });
  });
}

/** `/selfeval check post` (or 公开): the answer is posted for everyone; otherwise only the user sees it. */
const PUBLIC = /\s+(?:post|公开|发到频道)$/iu;

async function respondWith(respond: RespondFn, outgoing: Outgoing, post: boolean): Promise<void> {
  const message = outgoing.kind === 'reply' ? renderReplyBlocks(outgoing.reply) : renderNotice(outgoing.text);
  await respond({
    response_type: outgoing.kind === 'reply' && post ? 'in_channel' : 'ephemeral',
    text: message.text,
    blocks: message.blocks,
  });
}
