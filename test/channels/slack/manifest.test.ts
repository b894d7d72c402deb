import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../helpers/sample-report.ts';
import { SLACK_EVENTS_PATH } from '../../../src/channels/slack/create-slack-channel.ts';

describe('slack-app-manifest.yaml', () => {
  const manifest = parse(readFileSync(join(REPO_ROOT, 'slack-app-manifest.yaml'), 'utf8')) as {
    oauth_config: { scopes: { bot: string[] } };
    settings: { event_subscriptions: { request_url: string; bot_events: string[] } };
    features: { slash_commands: Array<{ command: string; url: string }> };
  };

  it('asks for exactly the scopes the channel uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['app_mentions:read', 'chat:write', 'commands', 'files:read', 'files:write', 'im:history', 'im:read'].sort(),
    );
  });

  it('subscribes to the events the listeners handle and points everything at /slack/events', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(['app_mention', 'file_shared', 'message.im']);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe(SLACK_EVENTS_PATH);
    expect(manifest.features.slash_commands.map((c) => [c.command, new URL(c.url).pathname])).toEqual([['/selfeval', SLACK_EVENTS_PATH]]);
  });
});
