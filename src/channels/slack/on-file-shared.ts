import type { App } from '@slack/bolt';
import { errorCode } from '../logger.js';
import { slackFileInfo, shareOf } from './fetch-slack-file.js';
import { EnvelopeSchema, FileSharedSchema, type FileInfo } from './slack-payloads.js';
import { runSlackMessage, type SlackChannelDeps } from './slack-delivery.js';

/**
 * file_shared: a report uploaded to a channel thread or a DM without a mention. files.info tells where it was
 * shared; the file becomes that thread's report. When the same file also came with a message or mention, whichever
 * delivery claims the file first handles it (see runSlackMessage). The bot's own uploads (drafts) are ignored.
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
    deps.tracker.run(async () => {
      let info: FileInfo;
      try {
        info = await slackFileInfo(deps.client, fileId);
      } catch (error) {
        deps.logger.warn('slack.file_info_failed', { channel: 'slack', errorCode: errorCode(error) });
        return;
      }
      const share = shareOf(info, channel);
      const isDirect = channel.startsWith('D');
      const threadTs = share?.threadTs ?? (isDirect ? undefined : share?.ts);
      runSlackMessage(deps, {
        eventId,
        team,
        channel,
        user,
        threadTs,
        command: { kind: 'turn', text: '' },
        fileIds: [fileId],
        knownFiles: new Map([[fileId, info]]),
      });
    });
  });
}
