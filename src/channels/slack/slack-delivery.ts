import type { webApi } from '@slack/bolt';

type WebClient = webApi.WebClient;
import type { ChatCommand } from '../chat-command.js';
import { handleDelivery, type DeliveryDeps, type IncomingFile } from '../handle-delivery.js';
import type { ScopeMap } from '../scopes.js';
import type { WorkTracker } from '../work-tracker.js';
import { downloadSlackFile, slackFileInfo } from './fetch-slack-file.js';
import { postSlackReply, type SlackTarget } from './post-slack-reply.js';
import type { FileInfo } from './slack-payloads.js';

export interface SlackChannelDeps extends DeliveryDeps {
  client: WebClient;
  botToken: string;
  scopeMap: ScopeMap;
  tracker: WorkTracker;
  /** Origins allowed to receive the bot token when downloading url_private (files.slack.com + SLACK_API_URL). */
  fileOrigins: readonly string[];
}

export interface SlackMessageInput {
  eventId: string; // the delivery key is slack:<team>:event:<event id>
  team: string;
  channel: string;
  user: string;
  threadTs: string | undefined; // reply in this thread; undefined: top level (a DM conversation)
  command: ChatCommand;
  fileIds: string[];
  knownFiles?: Map<string, FileInfo>; // files.info results already fetched (file_shared)
}

/**
 * Run one Slack message (mention, DM, shared file) in the background: claim it, claim each attached file once (a
 * file arrives both in the message and as file_shared; whichever comes first takes it), fetch, answer in place.
 */
export function runSlackMessage(deps: SlackChannelDeps, input: SlackMessageInput): void {
  const key = `slack:${input.team}:event:${input.eventId}`;
  // the thread is the conversation (and holds its report); a DM's top level is one conversation
  const conversation = input.threadTs ? `${input.channel}:${input.threadTs}` : input.channel;
  const target: SlackTarget = { channel: input.channel, threadTs: input.threadTs };
  deps.tracker.run(async () => {
    const claimedFiles: string[] = [];
    const outcome = await handleDelivery(
      deps,
      {
        key,
        channel: 'slack',
        user: `slack:${input.team}:${input.user}`,
        thread: `slack:${input.team}:${conversation}`,
        scope: async () => deps.scopeMap.slackScope({ team: input.team, channel: input.channel, user: input.user }),
        command: input.command,
        files: async () => {
          const files: IncomingFile[] = [];
          for (const id of input.fileIds) {
            const fileKey = `slack:${input.team}:file:${id}`;
            if (fileKey !== key && !(await deps.ledger.claim(fileKey, 'slack'))) continue;
            claimedFiles.push(fileKey);
            const known = input.knownFiles?.get(id);
            files.push({
              name: known?.name ?? id,
              fetch: async () => downloadSlackFile(known ?? (await slackFileInfo(deps.client, id)), deps.botToken, deps.fileOrigins),
            });
          }
          return files;
        },
      },
      (outgoing) => postSlackReply(deps.client, target, outgoing),
    );
    for (const fileKey of claimedFiles) {
      if (fileKey === key) continue;
      await (outcome === 'failed' ? deps.ledger.fail(fileKey, 'delivery-failed') : deps.ledger.finish(fileKey)).catch(() => undefined);
    }
  });
}
