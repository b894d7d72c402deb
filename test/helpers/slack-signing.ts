import { createHmac } from 'node:crypto';

/** Sign a Slack request exactly as Slack does: v0=HMAC-SHA256(secret, "v0:<timestamp>:<raw body>"). */
export function slackSignatureHeaders(secret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface SlackEventOptions {
  team?: string;
  eventId: string;
  event: Record<string, unknown>;
}

/** An Events API envelope (event_callback) as Slack posts it. */
export function slackEventBody({ team = 'T0001', eventId, event }: SlackEventOptions): string {
  return JSON.stringify({
    token: 'verification-token-unused',
    team_id: team,
    api_app_id: 'A0001',
    event: { event_ts: String(event.ts ?? '1700000000.000100'), ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [{ team_id: team, user_id: 'UBOT', is_bot: true }],
  });
}

/** A slash command as Slack posts it (form-encoded). */
export function slashCommandBody(fields: { team?: string; channel: string; user: string; text: string; triggerId: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'verification-token-unused',
    team_id: fields.team ?? 'T0001',
    team_domain: 'example',
    channel_id: fields.channel,
    channel_name: 'general',
    user_id: fields.user,
    user_name: 'someone',
    command: '/selfeval',
    text: fields.text,
    api_app_id: 'A0001',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId,
  }).toString();
}

export interface PostSlackOptions {
  secret: string | undefined; // undefined: unsigned
  retryNum?: number;
  timestamp?: number;
  contentType?: string;
}

/** POST a (signed) body to /slack/events; retries carry X-Slack-Retry-Num / X-Slack-Retry-Reason like Slack's. */
export async function postSlack(url: string, rawBody: string, options: PostSlackOptions): Promise<Response> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? (rawBody.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded'),
    ...(options.secret ? slackSignatureHeaders(options.secret, rawBody, options.timestamp) : {}),
  };
  if (options.retryNum) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body: rawBody });
}
