import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { FakeWecomApi } from '../helpers/fake-wecom-api.ts';
import { postSlack, slackEventBody } from '../helpers/slack-signing.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.ts';
import { callbackRequest, postWecom, randomEncodingAesKey, tamperSignature, textMessageXml } from '../helpers/wecom-callback.ts';
import { RecordingAssistant } from './recording-assistant.ts';
import { outcomes, SLACK_SECRET, slackEnv, startChannelServer, wecomEnv, type RunningServer } from './channel-harness.ts';

/** Send raw bytes and close; resolves with the status line, or '' when the server closed without answering. */
function rawRequest(port: number, head: string, body: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head + body);
      socket.end(); // half-close: the body is shorter than Content-Length says
    });
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.on('error', () => resolve(''));
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

describe('200 hostile requests against both endpoints', () => {
  const slackApi = new FakeSlackApi();
  const app = { token: 'abuseToken', corpId: 'wwabuse0000000001', encodingAesKey: randomEncodingAesKey() };
  const wecomApi = new FakeWecomApi(app.corpId, 'app-secret');
  const assistant = new RecordingAssistant();
  let test: TestDatabase;
  let server: RunningServer;

  beforeAll(async () => {
    await Promise.all([slackApi.start(), wecomApi.start()]);
    test = await createTestDatabase();
    server = await startChannelServer({
      db: test.db,
      assistant,
      env: { ...slackEnv(slackApi.apiUrl, slackApi.botToken), ...wecomEnv(app, wecomApi.url) },
    });
  });
  afterAll(async () => {
    await server?.close();
    await test?.dispose();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
  });

  it('processes none of them, answers each with a 4xx (or drops a truncated one), and stays up', async () => {
    const port = Number(new URL(server.url).port);
    const now = Math.floor(Date.now() / 1000);
    const attacks: Array<() => Promise<number | string>> = [];
    for (let i = 0; i < 25; i += 1) {
      const body = slackEventBody({ eventId: `EvBAD${i}`, event: { type: 'app_mention', user: 'U1', text: '<@UBOT> 攻击', ts: `1.${i}`, channel: 'C1' } });
      const wecom = callbackRequest(app, textMessageXml({ corpId: app.corpId, user: 'evil', content: '攻击', msgId: String(9000 + i) }));
      attacks.push(
        async () => (await postSlack(`${server.url}/slack/events`, body, { secret: 'not-the-secret' })).status, // bad signature
        async () => (await postSlack(`${server.url}/slack/events`, body, { secret: SLACK_SECRET, timestamp: now - 301 - i * 60 })).status, // stale
        async () => (await postSlack(`${server.url}/slack/events`, body, { secret: undefined })).status, // unsigned
        async () => (await postSlack(`${server.url}/slack/events`, `${body}${'x'.repeat(600 * 1024)}`, { secret: SLACK_SECRET })).status, // oversized
        async () =>
          rawRequest(port, `POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length + 500}\r\nx-slack-request-timestamp: ${now}\r\nx-slack-signature: v0=00\r\n\r\n`, body), // truncated
        async () => (await postWecom(server.url, { ...wecom, query: tamperSignature(wecom.query) })).status, // bad signature
        async () => (await postWecom(server.url, { query: wecom.query, body: wecom.body.slice(0, wecom.body.length - 20 - (i % 10)) })).status, // truncated XML
        async () => (await postWecom(server.url, { query: wecom.query, body: `<xml><Encrypt>${'Q'.repeat(400 * 1024)}</Encrypt></xml>` })).status, // oversized
      );
    }
    expect(attacks).toHaveLength(200);
    const results: Array<number | string> = [];
    const run = (attack: () => Promise<number | string>, index: number) =>
      attack().catch((error: unknown) => `reset:${index % 8}:${(error as { cause?: { code?: string } }).cause?.code ?? String(error)}`);
    for (let i = 0; i < attacks.length; i += 20) results.push(...(await Promise.all(attacks.slice(i, i + 20).map((a, j) => run(a, i + j)))));
    for (const result of results) {
      if (typeof result === 'number') expect(result).toBeGreaterThanOrEqual(400);
      // A server may cut the connection of an oversized upload before reading it all (kinds 3 and 7), or leave a
      // truncated request unanswered (kind 4): still not processed.
      else expect(result === '' || /^HTTP\/1\.1 4\d\d/.test(result) || /^reset:[347]:/.test(result), result).toBe(true);
    }
    expect(assistant.turns).toHaveLength(0);
    expect(slackApi.messages).toHaveLength(0);
    expect(wecomApi.sent).toHaveLength(0);
    expect(outcomes([server])).toBe(0);

    // Still up, and still working for a genuine request.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const genuine = slackEventBody({ eventId: 'EvGOOD1', event: { type: 'app_mention', user: 'U1', text: '<@UBOT> 你好', ts: '2.1', channel: 'C1' } });
    expect((await postSlack(`${server.url}/slack/events`, genuine, { secret: SLACK_SECRET })).status).toBe(200);
    await slackApi.waitFor(() => slackApi.messages.length === 1, 'the genuine reply');
    expect(assistant.turns.map((t) => t.text)).toEqual(['你好']);
  });
});
