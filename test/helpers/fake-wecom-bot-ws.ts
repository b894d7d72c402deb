import { createCipheriv, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A loopback fake of WeCom's 智能机器人 long connection (the protocol @wecom/aibot-node-sdk speaks, read from its
 * source): JSON frames { cmd, headers: { req_id }, body }. The client authenticates with aibot_subscribe
 * { bot_id, secret } (answered { headers, errcode, errmsg }), pings, answers a message frame's req_id with
 * aibot_respond_msg (streams, cards), pushes with aibot_send_msg, uploads media in three steps
 * (aibot_upload_media_init → _chunk → _finish); every one of them is acknowledged with the same req_id. The fake
 * pushes aibot_msg_callback / aibot_event_callback frames and serves AES-encrypted files over HTTP like WeCom's
 * five-minute download URLs.
 */
export interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
}

export interface FakeBotWsOptions {
  botId: string;
  secret: string;
}

export class FakeWecomBotWs {
  readonly received: Frame[] = [];
  readonly uploads = new Map<string, { filename: string; bytes: Buffer }>();
  authentications = 0;
  failedAuthentications = 0;
  /** When set, frames with these commands are received but never acknowledged (a stalled server). */
  silent = new Set<string>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  /** The req_ids pushed on each connection: a reply is only accepted on the connection its message came on. */
  private readonly pushedOn = new WeakMap<WebSocket, Set<string>>();
  private readonly files = new Map<string, { bytes: Buffer; name: string }>();
  private readonly partial = new Map<string, { filename: string; chunks: Buffer[] }>();
  private sequence = 0;
  private port = 0;

  constructor(private readonly options: FakeBotWsOptions) {
    this.server = createServer((req, res) => {
      const file = this.files.get(req.url ?? '');
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` }).end(file.bytes);
    });
    this.wss = new WebSocketServer({ server: this.server });
    this.wss.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('message', (data) => this.onFrame(socket, JSON.parse(data.toString()) as Frame));
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  /** Serve `bytes` encrypted with a fresh per-file key (long connection) or the given one (callback: EncodingAESKey + '='). */
  addFile(name: string, bytes: Uint8Array, aesKey = randomBytes(32).toString('base64')): { url: string; aeskey: string } {
    const path = `/file/${(this.sequence += 1)}`;
    this.files.set(path, { bytes: encryptFile(Buffer.from(bytes), aesKey), name });
    return { url: `http://127.0.0.1:${this.port}${path}`, aeskey: aesKey };
  }

  /** Push a message (aibot_msg_callback) or event (aibot_event_callback) to every connected client; returns its req_id. */
  push(body: Record<string, unknown>, cmd: 'aibot_msg_callback' | 'aibot_event_callback' = 'aibot_msg_callback'): string {
    const reqId = `${cmd}_${Date.now()}_${(this.sequence += 1)}`;
    for (const socket of this.sockets) {
      if (!this.pushedOn.has(socket)) this.pushedOn.set(socket, new Set());
      this.pushedOn.get(socket)!.add(reqId);
      socket.send(JSON.stringify({ cmd, headers: { req_id: reqId }, body }));
    }
    return reqId;
  }

  /** The stream frames (aibot_respond_msg) answering one pushed frame, in order. */
  replies(reqId: string): Array<Record<string, unknown>> {
    return this.received.filter((f) => f.cmd === 'aibot_respond_msg' && f.headers.req_id === reqId).map((f) => f.body ?? {});
  }

  /** The content of every stream frame answering one pushed frame. */
  streamContents(reqId: string): string[] {
    return this.replies(reqId).map((b) => String((b.stream as { content?: unknown } | undefined)?.content ?? ''));
  }

  finished(reqId: string): Record<string, unknown> | undefined {
    return this.replies(reqId).find((b) => (b.stream as { finish?: unknown } | undefined)?.finish === true);
  }

  /** Active pushes (aibot_send_msg) to one chat. */
  pushes(chatId?: string): Array<Record<string, unknown>> {
    return this.received.filter((f) => f.cmd === 'aibot_send_msg' && (chatId === undefined || f.body?.chatid === chatId)).map((f) => f.body ?? {});
  }

  /** Drop every connection (the network went away); the SDK reconnects. */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  async waitFor(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onFrame(socket: WebSocket, frame: Frame): void {
    this.received.push(frame);
    const ack = (errcode: number, body?: Record<string, unknown>, errmsg = errcode === 0 ? 'ok' : 'error') =>
      socket.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, errcode, errmsg, ...(body ? { body } : {}) }));
    if (frame.cmd && this.silent.has(frame.cmd)) return;
    switch (frame.cmd) {
      case 'aibot_subscribe': {
        const ok = frame.body?.bot_id === this.options.botId && frame.body?.secret === this.options.secret;
        if (ok) this.authentications += 1;
        else this.failedAuthentications += 1;
        ack(ok ? 0 : 40058, undefined, ok ? 'ok' : 'invalid secret');
        return;
      }
      case 'aibot_upload_media_init': {
        const uploadId = `upload-${(this.sequence += 1)}`;
        this.partial.set(uploadId, { filename: String(frame.body?.filename ?? ''), chunks: [] });
        ack(0, { upload_id: uploadId });
        return;
      }
      case 'aibot_upload_media_chunk': {
        const upload = this.partial.get(String(frame.body?.upload_id));
        if (!upload) return ack(40001);
        upload.chunks[Number(frame.body?.chunk_index)] = Buffer.from(String(frame.body?.base64_data ?? ''), 'base64');
        ack(0);
        return;
      }
      case 'aibot_upload_media_finish': {
        const uploadId = String(frame.body?.upload_id);
        const upload = this.partial.get(uploadId);
        if (!upload) return ack(40001);
        const mediaId = `media-${(this.sequence += 1)}`;
        this.uploads.set(mediaId, { filename: upload.filename, bytes: Buffer.concat(upload.chunks) });
        ack(0, { media_id: mediaId, type: 'file', created_at: String(Date.now()) });
        return;
      }
      case 'aibot_respond_msg':
      case 'aibot_respond_welcome_msg':
        ack(this.pushedOn.get(socket)?.has(frame.headers.req_id) ? 0 : 846605, undefined, 'invalid req_id');
        return;
      default:
        ack(0); // ping, aibot_respond_msg, aibot_respond_welcome_msg, aibot_send_msg
    }
  }
}

/** WeCom's file encryption: AES-256-CBC, key = base64 key, IV = its first 16 bytes, PKCS#7 padding to 32 bytes. */
export function encryptFile(bytes: Buffer, aesKey: string): Buffer {
  const key = Buffer.from(aesKey, 'base64');
  const pad = 32 - (bytes.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([bytes, Buffer.alloc(pad, pad)])), cipher.final()]);
}

/** A 智能机器人 message body as WeCom sends it (both modes). */
export function botMessage(fields: {
  msgid: string;
  user: string;
  bot?: string;
  chat?: string;
  text?: string;
  file?: { url: string; aeskey?: string };
  responseUrl?: string;
}): Record<string, unknown> {
  return {
    msgid: fields.msgid,
    aibotid: fields.bot ?? 'BOT1',
    ...(fields.chat ? { chatid: fields.chat, chattype: 'group' } : { chattype: 'single' }),
    from: { userid: fields.user },
    create_time: Math.floor(Date.now() / 1000),
    ...(fields.responseUrl ? { response_url: fields.responseUrl } : {}),
    ...(fields.file ? { msgtype: 'file', file: fields.file } : { msgtype: 'text', text: { content: fields.text ?? '' } }),
  };
}

export function botEvent(fields: { msgid: string; user: string; bot?: string; event: Record<string, unknown> }): Record<string, unknown> {
  return {
    msgid: fields.msgid,
    aibotid: fields.bot ?? 'BOT1',
    chattype: 'single',
    from: { userid: fields.user },
    create_time: Math.floor(Date.now() / 1000),
    msgtype: 'event',
    event: fields.event,
  };
}
