import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../helpers/fake-slack-api.ts';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.ts';
import { RecordingAssistant } from '../recording-assistant.ts';
import { outcomes, slackEnv, startChannelServer, type RunningServer } from '../channel-harness.ts';

/** SLACK_APP_TOKEN set: Bolt's Socket Mode receiver against the fake's apps.connections.open and WebSocket. */
describe('Slack in Socket Mode', () => {
  const api = new FakeSlackApi();
  const assistant = new RecordingAssistant();
  let test: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    await api.start();
    test = await createTestDatabase();
    server = await startChannelServer({ db: test.db, assistant, env: slackEnv(api.apiUrl, api.botToken, { SLACK_APP_TOKEN: api.appToken }) });
    await api.waitFor(() => api.socket.connected, 'the socket connection');
  });
  afterAll(async () => {
    await server?.close();
    await test?.dispose();
    await api.stop();
  });

  it('has no HTTP endpoint for events', async () => {
    expect((await fetch(`${server.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('acks each envelope and answers a mention once, however often Slack redelivers it', async () => {
    const payload = {
      team_id: 'T0001',
      api_app_id: 'A0001',
      type: 'event_callback',
      event_id: 'EvSOCKET1',
      event_time: 1_700_000_000,
      event: { type: 'app_mention', user: 'U0001', text: '<@UBOT> 结转结余率怎么算', ts: '1700000500.000001', channel: 'C0001' },
    };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      api.socket.push({ envelope_id: `env-${attempt}`, type: 'events_api', accepts_response_payload: false, retry_attempt: attempt, retry_reason: attempt ? 'timeout' : '', payload });
    }
    await api.waitFor(() => api.socket.acks.length === 3, 'three acks');
    await api.waitFor(() => outcomes([server], 'slack:T0001:event:EvSOCKET1') === 3, 'three deliveries to settle');
    expect(api.socket.acks).toEqual(['env-0', 'env-1', 'env-2']);
    expect(api.messages).toHaveLength(1);
    expect(api.messages[0]).toMatchObject({ channel: 'C0001', thread_ts: '1700000500.000001' });
    expect(assistant.turns.map((t) => t.text)).toEqual(['结转结余率怎么算']);
  });
});
