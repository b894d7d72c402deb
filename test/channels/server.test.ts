import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply, Turn, TurnHandler } from '../../src/assistant/turn.ts';
import { StoreError, type Database } from '../../src/store/database.ts';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { SLACK_SECRET, slackEnv, startChannelServer } from './channel-harness.ts';

/** An assistant that holds each turn until the test lets it go (no sleeping: the test decides when). */
class GatedAssistant implements TurnHandler {
  readonly started: Turn[] = [];
  private release: (() => void) | undefined;
  private readonly gate = new Promise<void>((resolve) => (this.release = resolve));

  async handle(turn: Turn): Promise<Reply> {
    this.started.push(turn);
    await this.gate;
    return { text: `答复：${turn.text}`, citations: [], findings: [], mode: 'offline', notes: [] };
  }

  open(): void {
    this.release?.();
  }
}

describe('the channel server', () => {
  const api = new FakeSlackApi();
  let test: TestDatabase;

  beforeAll(async () => {
    await api.start();
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.dispose();
    await api.stop();
  });

  it('reports health and which channels are on, and answers 404 elsewhere (a channel that is off has no endpoint)', async () => {
    const server = await startChannelServer({ db: test.db, assistant: new GatedAssistant(), env: slackEnv(api.apiUrl, api.botToken) });
    try {
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', slack: true, wecom: false, wecomBot: false, inFlight: 0 });
      expect((await fetch(`${server.url}/wecom/callback?echostr=1`)).status).toBe(404);
      expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
      expect(server.logs.some((l) => l.event === 'server.listening' && l.slack === true && l.wecom === false)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('shuts down gracefully: stops accepting, finishes the turn in flight and sends its reply, then closes', async () => {
    const assistant = new GatedAssistant();
    const server = await startChannelServer({ db: test.db, assistant, env: slackEnv(api.apiUrl, api.botToken) });
    const body = slackEventBody({ eventId: 'EvSHUT1', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> 在途的问题', ts: '1700000009.000001', channel: 'C9' } });
    expect((await postSlack(`${server.url}/slack/events`, body, { secret: SLACK_SECRET })).status).toBe(200);
    await api.waitFor(() => assistant.started.length === 1, 'the turn to start');

    let closed = false;
    const closing = server.server.close(10_000).then(() => (closed = true));
    await api.waitFor(() => !server.server.server.listening, 'the listener to stop');
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow(); // no new connections
    expect(closed).toBe(false); // still finishing the turn in flight

    assistant.open();
    await closing;
    expect(api.messages.at(-1)).toMatchObject({ channel: 'C9', thread_ts: '1700000009.000001', text: '答复：在途的问题' });
    const { rows } = await test.db.query<{ status: string }>("SELECT status FROM deliveries WHERE key = 'slack:T0001:event:EvSHUT1'");
    expect(rows[0]!.status).toBe('done');
  });

  it('closed at once after starting, still runs the delivery its start-up took over from an exited process, before close returns', async () => {
    const { createDeliveryLedger } = await import('../../src/channels/dedupe.ts');
    const key = 'slack:T0001:event:EvORPHAN1';
    const payload = { kind: 'slack-message', eventId: 'EvORPHAN1', team: 'T0001', channel: 'C11', user: 'U1', threadTs: '1700000011.000001', text: '没答完的问题', fileIds: [] };
    expect(await createDeliveryLedger(test.db, { leaseSeconds: 60 }).claim(key, 'slack', payload)).toBeDefined();
    await test.db.query("UPDATE deliveries SET owner = 'owner-of-an-exited-process' WHERE key = $1", [key]); // its lease is a minute away
    const assistant = new GatedAssistant();
    assistant.open();
    const server = await startChannelServer({ db: test.db, assistant, env: slackEnv(api.apiUrl, api.botToken) });
    await server.close();
    expect(server.logs.some((l) => l.event === 'delivery.recovered' && l.delivery === key)).toBe(true);
    expect(api.messages.filter((m) => m.channel === 'C11')).toMatchObject([{ thread_ts: '1700000011.000001', text: '答复：没答完的问题' }]);
    const { rows } = await test.db.query<{ status: string }>('SELECT status FROM deliveries WHERE key = $1', [key]);
    expect(rows[0]!.status).toBe('done');
  });

  it('refuses to start with a wrong Slack bot token, with a Chinese message', async () => {
    await expect(startChannelServer({ db: test.db, assistant: new GatedAssistant(), env: slackEnv(api.apiUrl, 'xoxb-wrong') })).rejects.toThrow(
      'SLACK_BOT_TOKEN 无效（Slack 返回 invalid_auth）',
    );
  });

  it('starts while Slack is unreachable (auth.test is retried with the first event) and still verifies requests', async () => {
    const server = await startChannelServer({ db: test.db, assistant: new GatedAssistant(), env: slackEnv('http://127.0.0.1:9/api/', api.botToken) });
    try {
      expect(server.logs.some((l) => l.event === 'slack.auth_test_failed')).toBe(true);
      const challenge = JSON.stringify({ token: 'x', challenge: 'abc123', type: 'url_verification' });
      expect(await (await postSlack(`${server.url}/slack/events`, challenge, { secret: SLACK_SECRET })).text()).toContain('abc123');
    } finally {
      await server.close();
    }
  });

  it('tells the user in Chinese when the store fails, and stays up', async () => {
    let storeDown = false;
    const flaky: Database = {
      ...test.db,
      kind: test.db.kind,
      hasVector: test.db.hasVector,
      query: async (sql, params) => {
        if (storeDown) throw new StoreError('store-unavailable', '数据库不可用');
        return test.db.query(sql, params);
      },
    };
    const server = await startChannelServer({ db: flaky, assistant: new GatedAssistant(), env: slackEnv(api.apiUrl, api.botToken) });
    try {
      storeDown = true;
      const before = api.messages.length;
      const body = slackEventBody({ eventId: 'EvSTORE1', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> 你好', ts: '1700000010.000001', channel: 'C10' } });
      expect((await postSlack(`${server.url}/slack/events`, body, { secret: SLACK_SECRET })).status).toBe(200);
      await api.waitFor(() => api.messages.length > before, 'the error message');
      expect(api.messages.at(-1)).toMatchObject({ channel: 'C10', thread_ts: '1700000010.000001', text: '抱歉，处理时出错了，请稍后再试。' });
      expect(server.logs.some((l) => l.event === 'delivery.claim_failed' && l.errorCode === 'store-unavailable')).toBe(true);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      storeDown = false;
      await server.close();
    }
  });

  it('logs JSON lines without secrets or message contents', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../../src/channels/logger.ts');
    const logger = createLogger({ write: (line) => lines.push(line) });
    logger.info('probe', { text: '为什么扣了2分', botToken: 'xoxb-secret', delivery: 'slack:T1:event:Ev1', errorCode: 'llm-unavailable' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 'info', event: 'probe', text: '[redacted]', botToken: '[redacted]', delivery: 'slack:T1:event:Ev1', errorCode: 'llm-unavailable' });
  });
});
