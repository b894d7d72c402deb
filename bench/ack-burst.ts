/**
 * Ack latency under a burst: 200 Slack events and 200 WeCom messages sent at once to the real channel server with the
 * real (offline) assistant answering them on the same store, on PGlite and on PostgreSQL. Every request is signed or
 * encrypted as the platforms do; replies go to loopback fakes. The ack is what Slack (3 s) and WeCom (5 s) wait for.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encrypt, getSignature } from '@wecom/crypto';
import { openAssistant } from '../src/assistant/open-assistant.js';
import { createLogger } from '../src/channels/logger.js';
import { createChannelServer } from '../src/channels/server.js';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/store/open-database.js';
import { FakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { FakeWecomApi } from '../test/helpers/fake-wecom-api.js';
import { percentile } from './retrieval/scale.js';

export const BURST = 200;
const SECRET = 'bench-signing-secret';
const WECOM = { token: 'benchToken', corpId: 'wwbench0000000001', aesKey: randomBytes(32).toString('base64').replace(/[+/=]/g, 'A').slice(0, 43) };

export interface AckBurst {
  target: 'PGlite' | 'PostgreSQL';
  slack: { p50: number; p99: number; failed: number };
  wecom: { p50: number; p99: number; failed: number };
}

function slackEvent(n: number): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({
    team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: `EvBurst${n}-${randomBytes(3).toString('hex')}`, event_time: 1_700_000_000,
    event: { type: 'app_mention', user: `U${n % 40}`, text: '<@UBOT> 政府采购执行率怎么算', ts: `1700000000.${n}`, channel: 'C0001' },
  });
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } };
}

function wecomMessage(n: number): { path: string; body: string } {
  const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[user${n % 40}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[结转结余率怎么算]]></Content><MsgId>${8_000_000_000 + n + Math.floor(Math.random() * 1e6) * 1000}</MsgId><AgentID>1000002</AgentID></xml>`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(4).toString('hex');
  const encrypted = encrypt(WECOM.aesKey, xml, WECOM.corpId);
  const signature = getSignature(WECOM.token, timestamp, nonce, encrypted);
  return {
    path: `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

async function burst(send: (n: number) => Promise<Response>): Promise<{ p50: number; p99: number; failed: number }> {
  const times: number[] = [];
  let failed = 0;
  await Promise.all(
    Array.from({ length: BURST }, async (_, n) => {
      const started = performance.now();
      try {
        const response = await send(n);
        await response.arrayBuffer();
        if (!response.ok) failed += 1;
      } catch {
        failed += 1;
      }
      times.push(performance.now() - started);
    }),
  );
  return { p50: percentile(times, 50), p99: percentile(times, 99), failed };
}

/** One burst per channel on PGlite (a fresh data dir from the prepared store) or on PostgreSQL at `url`. */
export async function measureAckBurst(url?: string): Promise<AckBurst> {
  const slackApi = await new FakeSlackApi().start();
  const wecomApi = await new FakeWecomApi(WECOM.corpId, 'app-secret').start();
  const dataDir = mkdtempSync(join(tmpdir(), 'selfeval-bench-ack-'));
  const env = {
    ...(url ? { DATABASE_URL: url } : { SELFEVAL_DATA_DIR: join(dataDir, 'store') }),
    SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: slackApi.botToken, SLACK_API_URL: slackApi.apiUrl,
    WECOM_CORP_ID: WECOM.corpId, WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'app-secret', WECOM_TOKEN: WECOM.token,
    WECOM_ENCODING_AES_KEY: WECOM.aesKey, WECOM_API_BASE: wecomApi.url,
  };
  const config = loadConfig(env);
  const opened = await openAssistant(config, { memory: 'store', ensureBundled: true });
  const db = await openDatabase(config);
  const server = await createChannelServer({ config, db, assistant: opened.assistant, logger: createLogger({ level: 'error', write: () => undefined }) });
  try {
    const port = await server.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    const slack = await burst((n) => {
      const event = slackEvent(n);
      return fetch(`${base}/slack/events`, { method: 'POST', headers: event.headers, body: event.body });
    });
    await server.tracker.drain(120_000);
    const wecom = await burst((n) => {
      const message = wecomMessage(n);
      return fetch(`${base}${message.path}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: message.body });
    });
    await server.tracker.drain(120_000);
    return { target: url ? 'PostgreSQL' : 'PGlite', slack, wecom };
  } finally {
    await server.close(60_000);
    await db.close();
    await opened.close();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
