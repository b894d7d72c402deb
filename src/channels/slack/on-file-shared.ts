import type { App } from '@slack/bolt';
import { EnvelopeSchema, FileSharedSchema } from './slack-payloads.js';
import { acceptSlack, type SlackChannelDeps } from './slack-delivery.js';

/**
 * file_shared: a file shared into a channel or DM becomes that conversation's report. Slack also sends the file
 * inside the message event (message.im with subtype file_share, or app_mention with files); whichever
 * delivery claims the file first handles it. The bot's own uploads (drafts) are ignored. files.info (where the file
 * sits) is asked after the ack, in the delivery's work.
 */
export function registerFileShared(app: App, deps: SlackChannelDeps): void {
  app.event('file_shared', async ({ body, event, context }) => {
    const envelope = EnvelopeSchema.safeParse(body);
    const shared = FileSharedSchema.safeParse(event);
    if (!envelope.success || !shared.success) return;
    if (shared.data.user_id === context.botUserId) {
      deps.logger.debug('slack.own_file_ignored', { channel: 'slack' });
      return;
    }
    const { team_id: team, event_id: eventId } = envelope.data;
    const { channel_id: channel, file_id: fileId, user_id: user } = shared.data;
    await acceptSlack(deps, { kind: 'slack-file-shared', eventId, team, channel, user, fileId });
  });
}
