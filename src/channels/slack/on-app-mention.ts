import type { App } from '@slack/bolt';
import { AppMentionSchema, EnvelopeSchema } from './slack-payloads.js';
import { acceptSlack, type SlackChannelDeps } from './slack-delivery.js';

/** @mention in a channel → answer in the thread (the thread is the conversation; its report stays in it). */
export function registerAppMention(app: App, deps: SlackChannelDeps): void {
  app.event('app_mention', async ({ body, event }) => {
    const envelope = EnvelopeSchema.safeParse(body);
    const mention = AppMentionSchema.safeParse(event);
    if (!envelope.success || !mention.success) {
      deps.logger.warn('slack.event_unreadable', { channel: 'slack', type: 'app_mention' });
      return;
    }
    if (mention.data.bot_id) return;
    const { team_id: team, event_id: eventId } = envelope.data;
    const { channel, user, ts } = mention.data;
    // Recorded before the ack (the receiver answers Slack after this listener returns).
    await acceptSlack(deps, {
      kind: 'slack-message',
      eventId,
      team,
      channel,
      user,
      threadTs: mention.data.thread_ts ?? ts,
      text: stripMentions(mention.data.text),
      fileIds: mention.data.files.map((file) => file.id),
    });
  });
}

/** Remove <@U123> mentions (the bot's and others') from the text. */
export function stripMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
}
