import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WecomCrypto } from '@wecom/aibot-node-sdk';
import { encrypt, getSignature } from '@wecom/crypto';

/**
 * WeCom's side of a 智能机器人's JSON callback (API mode, documents 100719 and 101033): requests encrypted with the
 * EncodingAESKey and ReceiveId "", signed with the token (msg_signature over token, timestamp, nonce, ciphertext),
 * and a reader for the passive replies ({ encrypt, msgsignature, timestamp, nonce }) that checks their signature and
 * decrypts them with the SDK's own WecomCrypto. Also a loopback response_url.
 */
export interface BotCallbackApp {
  token: string;
  encodingAesKey: string;
}

export function botVerificationQuery(app: BotCallbackApp, echo: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const echostr = encrypt(app.encodingAesKey, echo, '');
  return new URLSearchParams({ msg_signature: getSignature(app.token, timestamp, nonce, echostr), timestamp, nonce, echostr }).toString();
}

export function botCallbackRequest(
  app: BotCallbackApp,
  message: Record<string, unknown>,
  options: { timestamp?: number; signWith?: string } = {},
): { query: string; body: string } {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = encrypt(app.encodingAesKey, JSON.stringify(message), '');
  const signature = getSignature(options.signWith ?? app.token, timestamp, nonce, encrypted);
  return { query: new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString(), body: JSON.stringify({ encrypt: encrypted }) };
}

export async function postBotCallback(baseUrl: string, request: { query: string; body: string }): Promise<{ status: number; text: string }> {
  const response = await fetch(`${baseUrl}/wecom/bot/callback?${request.query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request.body });
  return { status: response.status, text: await response.text() };
}

/** A passive reply, signature checked and decrypted; undefined for an empty 200. */
export function openBotReply(app: BotCallbackApp, text: string): Record<string, unknown> | undefined {
  if (text === '') return undefined;
  const reply = JSON.parse(text) as { encrypt: string; msgsignature: string; timestamp: number; nonce: string };
  const crypto = new WecomCrypto(app.token, app.encodingAesKey, '');
  if (!crypto.verifySignature(reply.msgsignature, String(reply.timestamp), reply.nonce, reply.encrypt)) throw new Error('bad reply signature');
  return JSON.parse(crypto.decrypt(reply.encrypt)) as Record<string, unknown>;
}

/** A loopback response_url: records each POSTed message and answers errcode 0. */
export class FakeResponseUrl {
  readonly posted: Array<{ path: string; body: Record<string, unknown> }> = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.posted.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  private port = 0;

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(code: string): string {
    return `http://127.0.0.1:${this.port}/cgi-bin/aibot/response?response_code=${code}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
