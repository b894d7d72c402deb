/**
 * Ack latency of the chat endpoints under concurrent load: the real server (Bolt's verified receiver for Slack, our
 * WeCom callback handler) on loopback, every request signed (Slack) or encrypted and signed (WeCom) as the platforms
 * do, driven by autocannon. Replies go to loopback fakes of the Slack and WeCom APIs. Bounded in count and time.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { encrypt, getSignature } from '@wecom/crypto';
import type { Reply, Turn, TurnHandler } from '../src/assistant/turn.js';
import { createLogger } from '../src/channels/logger.js';
import { createChannelServer, type ChannelServer } from '../src/channels/server.js';
import { loadConfig } from '../src/config/env.js';
import { openDatabase } from '../src/store/open-database.js';
import { FakeSlackApi } from '../test/helpers/fake-slack-api.js';
import { FakeWecomApi } from '../test/helpers/fake-wecom-api.js';

interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface CannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECRET = 'bench-signing-secret';
const WECOM = { token: 'benchToken', corpId: 'wwbench0000000001', encodingAesKey: randomBytes(32).toString('base64').replace(/[+/=]/g, 'A').slice(0, 43) };
const CONNECTIONS = 20;
const AMOUNT = 1500;

/** The assistant's place is taken by an echo: this measures the channel's ack, not the answer. */
const echo: TurnHandler = {
  handle: async (turn: Turn): Promise<Reply> => ({ text: `收到：${turn.text}`, citations: [], findings: [], mode: 'offline', notes: [] }),
};

function slackRequest(sequence: number, deliveries: number): CannonRequest {
  const eventId = `EvBench${deliveries}x${Math.floor(sequence / deliveries)}`;
  const body = JSON.stringify({
    team_id: 'T0001',
    api_app_id: 'A0001',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    event: { type: 'app_mention', user: 'U0001', text: '<@UBOT> 总分99分对吗', ts: `1700000000.${sequence}`, channel: 'C0001' },
  });
  const ts = Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
  };
  if (sequence % deliveries > 0) headers['x-slack-retry-num'] = String(sequence % deliveries);
  return { method: 'POST', path: '/slack/events', headers, body };
}

function wecomRequest(sequence: number): CannonRequest {
  const xml = `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><FromUserName><![CDATA[user${sequence % 50}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[总分99分对吗]]></Content><MsgId>${9_000_000_000 + sequence}</MsgId><AgentID>1000002</AgentID></xml>`;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(4).toString('hex');
  const encrypted = encrypt(WECOM.encodingAesKey, xml, WECOM.corpId);
  const signature = getSignature(WECOM.token, timestamp, nonce, encrypted);
  return {
    method: 'POST',
    path: `/wecom/callback?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`,
    headers: { 'content-type': 'text/xml' },
    body: `<xml><ToUserName><![CDATA[${WECOM.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`,
  };
}

async function load(url: string, make: (sequence: number) => CannonRequest): Promise<CannonResult> {
  let sequence = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    amount: AMOUNT,
    duration: 20,
    timeout: 10,
    requests: [{ setupRequest: (request: CannonRequest) => ({ ...request, ...make(sequence++) }) }],
  });
}

export async function run(): Promise<string> {
  const slackApi = await new FakeSlackApi().start();
  const wecomApi = await new FakeWecomApi(WECOM.corpId, 'app-secret').start();
  const db = await openDatabase(loadConfig({}), { dataDir: 'memory://' });
  let server: ChannelServer | undefined;
  try {
    const config = loadConfig({
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: slackApi.botToken,
      SLACK_API_URL: slackApi.apiUrl,
      WECOM_CORP_ID: WECOM.corpId,
      WECOM_AGENT_ID: '1000002',
      WECOM_SECRET: 'app-secret',
      WECOM_TOKEN: WECOM.token,
      WECOM_ENCODING_AES_KEY: WECOM.encodingAesKey,
      WECOM_API_BASE: wecomApi.url,
    });
    server = await createChannelServer({ config, db, assistant: echo, logger: createLogger({ level: 'error', write: () => undefined }) });
    const port = await server.listen(0, '127.0.0.1');
    const url = `http://127.0.0.1:${port}`;
    const rows: string[] = [];
    const cases: Array<[string, (n: number) => CannonRequest, () => number, number]> = [
      ['Slack 事件（每个 event_id 一次）', (n) => slackRequest(n, 1), () => slackApi.messages.length, AMOUNT],
      ['Slack 事件（每个 event_id 投递 5 次，含重试头）', (n) => slackRequest(n, 5), () => slackApi.messages.length, AMOUNT / 5],
      ['企业微信回调（AES 解密 + 签名校验）', (n) => wecomRequest(n), () => wecomApi.sent.length, AMOUNT],
    ];
    for (const [name, make, replies, expected] of cases) {
      const before = replies();
      const result = await load(url, make);
      const drained = await server.tracker.drain(60_000);
      const ok = result.requests.total - result.non2xx - result.errors - result.timeouts;
      rows.push(
        `| ${name} | ${result.requests.total} | ${ok} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${Math.round(result.requests.average)} | ${replies() - before} / ${expected}${drained > 0 ? `（${drained} 未完成）` : ''} |`,
      );
    }
    return [
      '### 聊天渠道：确认（ack）延迟',
      '',
      `同一进程内的真实服务（Slack：Bolt 验签接收器；企业微信：验签 + AES 解密 + XML 解析），回环地址，autocannon ${CONNECTIONS} 个并发连接、每项 ${AMOUNT} 个请求（上限 20 秒）；每个请求都按平台方式签名或加密。确认后的处理（去重认领、回声助手、回复到本地假 Slack / 企业微信 API）与请求并发进行。延迟单位毫秒；Slack 要求 3 秒内确认，企业微信 5 秒。`,
      '',
      '| 端点 | 请求数 | 2xx | p50 | p99 | 最大 | 每秒请求 | 回复数 / 应有 |',
      '|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n');
  } finally {
    await server?.close(30_000);
    await db.close();
    await Promise.all([slackApi.stop(), wecomApi.stop()]);
  }
}
