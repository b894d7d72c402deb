import type { App } from '@slack/bolt';
import { stripMentions } from './on-app-mention.js';
import { DirectMessageSchema, EnvelopeSchema } from './slack-payloads.js';
import { acceptSlack, type SlackChannelDeps } from './slack-delivery.js';

/**
 * A direct message (message.im) → answer in the DM. The DM's top level is one conversation; a thread inside the
 * DM is its own conversation. Edits, deletions and bot messages are ignored.
 */
export function registerDirectMessage(app: App, deps: SlackChannelDeps): void {
  app.event('message', async ({ body, event }) => {
    const message = DirectMessageSchema.safeParse(event);
    const envelope = EnvelopeSchema.safeParse(body);
    if (!message.success || !envelope.success) {
      deps.logger.debug('slack.message_ignored', { channel: 'slack' }); // channel messages, edits, bots
      return;
    }
    const { team_id: team, event_id: eventId } = envelope.data;
    const { channel, user, thread_ts: threadTs } = message.data;
    await acceptSlack(deps, {
      kind: 'slack-message',
      eventId,
      team,
      channel,
      user,
      ...(threadTs ? { threadTs } : {}),
      text: stripMentions(message.data.text),
      fileIds: message.data.files.map((file) => file.id),
    });
  });
}
