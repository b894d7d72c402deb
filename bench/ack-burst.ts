/**
 * Ack latency under a burst: 200 Slack events and 200 WeCom messages sent at once to the real channel server with the
 * real (offline) assistant answering them on the same store, on PGlite and on PostgreSQL. Every request is signed or
 * encrypted as the platforms do; replies go to loopback fakes. The ack is what Slack (3 s) and WeCom (5 s) wait for.
 *
 * The requests are fired from a separate process (the platforms are other machines): fired from this process, the
 * client's own fetch work competed with the server for this one thread and made up most of what was measured. Next
 * to it, `floor`: the same client against a bare Node HTTP server that answers an empty 200, in the same run — what
 * 200 fresh connections at once cost on this machine before any of our work.
 *
 * Alone: `node bin/run-ts.js bench/ack-burst.ts [postgres://…] [--in-process]`.
 */
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

export interface AckTimes {
  p50: number;
  p99: number;
  failed: number;
}

export interface AckBurst {
  target: 'PGlite' | 'PostgreSQL';
  slack: AckTimes;
  wecom: AckTimes;
  /** The same burst against a bare HTTP server (empty 200), same client, same run. */
  floor: AckTimes;
}

export interface AckBurstOptions {
  /** 'process' (default): fire from a child process, as the platforms do; 'in-process': fetch from this thread. */
  client?: 'process' | 'in-process';
}

interface BurstRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The child process: reads the requests as JSON on stdin, fires them all at once, prints each one's time. */
const CLIENT_SOURCE = `
import { request } from 'node:http';
let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', async () => {
  const { base, requests } = JSON.parse(input);
  const times = await Promise.all(requests.map((r) => new Promise((done) => {
    const started = performance.now();
    const req = request(base + r.path, { method: 'POST', agent: false, headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) } }, (res) => {
      res.resume();
      res.on('end', () => done({ ms: performance.now() - started, ok: res.statusCode === 200 }));
    });
    req.on('error', () => done({ ms: performance.now() - started, ok: false }));
    req.end(r.body);
  })));
  process.stdout.write(JSON.stringify(times));
});
`;

function fromProcess(base: string, requests: BurstRequest[]): Promise<Array<{ ms: number; ok: boolean }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CLIENT_SOURCE], { stdio: ['pipe', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`ack client exited with ${code}`));
      else resolve(JSON.parse(output) as Array<{ ms: number; ok: boolean }>);
    });
    child.stdin.end(JSON.stringify({ base, requests }));
  });
}

function fromThisProcess(base: string, requests: BurstRequest[]): Promise<Array<{ ms: number; ok: boolean }>> {
  return Promise.all(
    requests.map(async (r) => {
      const started = performance.now();
      try {
        const response = await fetch(`${base}${r.path}`, { method: 'POST', headers: r.headers, body: r.body });
        await response.arrayBuffer();
        return { ms: performance.now() - started, ok: response.ok };
      } catch {
        return { ms: performance.now() - started, ok: false };
      }
    }),
  );
}

function slackEvent(n: number): BurstRequest {
  const body = JSON.stringify({
    team_id: 'T0001', api_app_id: 'A0001', type: 'event_callback', event_id: `EvBurst${n}-${randomBytes(3).toString('hex')}`, event_time: 1_700_000_000,
    event: { type: 'app_mention', user: `U${n % 40}`, text: '<@UBOT> 政府采购执行率怎么算', ts: `1700000000.${n}`, channel: 'C0001' },
  });
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
  return { path: '/slack/events', body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(ts), 'x-slack-signature': signature } };
}

function wecomMessage(n: number): BurstRequest {
  const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[user${n % 40}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[结转结余率怎么算]]></Content><MsgId>${8_000_000_000 + n + Math.floor(Math.random() * 1e6) * 1000}</MsgId><AgentID>1000002</AgentID></xml>`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(4).toString('hex');
  const encrypted = encrypt(WECOM.aesKey, xml, WECOM.corpId);
  const signature = getSignature(WECOM.token, timestamp, nonce, encrypted);
  return {
    path: `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

async function burst(base: string, make: (n: number) => BurstRequest, client: AckBurstOptions['client']): Promise<AckTimes> {
  const requests = Array.from({ length: BURST }, (_, n) => make(n));
  const results = client === 'in-process' ? await fromThisProcess(base, requests) : await fromProcess(base, requests);
  const times = results.map((r) => r.ms);
  return { p50: percentile(times, 50), p99: percentile(times, 99), failed: results.filter((r) => !r.ok).length };
}

/** The same burst against a bare HTTP server: the cost of 200 fresh connections at once on this machine. */
async function measureFloor(client: AckBurstOptions['client']): Promise<AckTimes> {
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((done) => bare.listen(0, '127.0.0.1', done));
  try {
    return await burst(`http://127.0.0.1:${(bare.address() as AddressInfo).port}`, slackEvent, client);
  } finally {
    await new Promise((done) => bare.close(done));
  }
}

/** One burst per channel on PGlite (a fresh data dir from the prepared store) or on PostgreSQL at `url`. */
export async function measureAckBurst(url?: string, options: AckBurstOptions = {}): Promise<AckBurst> {
  const client = options.client ?? 'process';
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
    const floor = await measureFloor(client);
    const slack = await burst(base, slackEvent, client);
    await server.tracker.drain(120_000);
    const wecom = await burst(base, wecomMessage, client);
    await server.tracker.drain(120_000);
    return { target: url ? 'PostgreSQL' : 'PGlite', slack, wecom, floor };
  } finally {
    await server.close(60_000);
    await db.close();
    await opened.close();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const url = args.find((arg) => arg.startsWith('postgres'));
  const result = await measureAckBurst(url, { client: args.includes('--in-process') ? 'in-process' : 'process' });
  const line = (name: string, t: AckTimes) => `${name}: p50 ${t.p50.toFixed(0)} ms · p99 ${t.p99.toFixed(0)} ms${t.failed ? ` (${t.failed} failed)` : ''}`;
  process.stdout.write(`${result.target}\n${line('Slack', result.slack)}\n${line('WeCom', result.wecom)}\n${line('floor (bare HTTP server)', result.floor)}\n`);
  process.exit(0);
}
