import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeLoopback, listenOnLoopback } from './loopback-server.ts';
import { readAll, waitUntil } from './fake-slack-api.ts';

/**
 * A loopback fake of the WeCom server API (qyapi.weixin.qq.com shape): gettoken, message/send (rejecting content over
 * WeCom's limits), media/get, media/upload, user/get. Tokens can be expired to exercise the 42001 refresh.
 */
export interface SentMessage {
  touser: string;
  msgtype: string;
  content: string; // text/markdown content, or the media_id of a file
  agentid: unknown;
  /** The content exactly as sent (with anything invisible in it). */
  raw?: string;
}

export class FakeWecomApi {
  readonly sent: SentMessage[] = [];
  readonly uploads: Array<{ mediaId: string; bytes: number; name?: string; data?: Uint8Array }> = [];
  gettokenCalls = 0;
  rejectedSends = 0;
  /** Sends WeCom's duplicate check dropped (same request JSON within duplicate_check_interval). */
  duplicatesDropped = 0;
  private readonly recentRequests = new Map<string, number>();
  /** 'send' holds message/send answers (the message IS delivered, the answer never comes); a media id holds its download after half the bytes. */
  readonly hold = new Set<string>();
  readonly held: string[] = [];
  private readonly validTokens = new Set<string>();
  private readonly media = new Map<string, { name: string; bytes: Uint8Array }>();
  private readonly departments = new Map<string, number[]>();
  private server: Server | undefined;
  private base = '';
  private seq = 0;
  private sendFailures = 0;

  constructor(
    readonly corpId: string,
    readonly secret: string,
    private readonly expiresIn = 7200,
  ) {}

  get url(): string {
    return this.base;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.base = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeLoopback(this.server);
  }

  addMedia(mediaId: string, name: string, bytes: Uint8Array): void {
    this.media.set(mediaId, { name, bytes });
  }

  setDepartments(user: string, departments: number[]): void {
    this.departments.set(user, departments);
  }

  /** Every token issued so far now answers 42001 (expired). */
  expireTokens(): void {
    this.validTokens.clear();
  }

  /** The next `count` message/send calls answer a system error (-1). */
  failSends(count: number): void {
    this.sendFailures = count;
  }

  async waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    await waitUntil(predicate, what, timeoutMs);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.base);
    const raw = await readAll(req);
    const json = (body: unknown): void => void res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
    if (url.pathname === '/cgi-bin/gettoken') {
      this.gettokenCalls += 1;
      if (url.searchParams.get('corpid') !== this.corpId || url.searchParams.get('corpsecret') !== this.secret) {
        return json({ errcode: 40001, errmsg: 'invalid credential' });
      }
      this.seq += 1;
      const token = `token-${this.seq}`;
      this.validTokens.add(token);
      return json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: this.expiresIn });
    }
    const token = url.searchParams.get('access_token') ?? '';
    if (!this.validTokens.has(token)) return json({ errcode: token.startsWith('token-') ? 42001 : 40014, errmsg: 'access_token invalid or expired' });
    switch (url.pathname) {
      case '/cgi-bin/message/send': {
        const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
        const msgtype = String(body.msgtype);
        const payload = body[msgtype] as { content?: string; media_id?: string } | undefined;
        const content = payload?.content ?? payload?.media_id ?? '';
        const limit = msgtype === 'text' ? 2048 : msgtype === 'markdown' ? 4096 : Infinity;
        if (Buffer.byteLength(content) > limit) {
          this.rejectedSends += 1;
          return json({ errcode: 45002, errmsg: 'content size out of limit' });
        }
        if (this.sendFailures > 0) {
          this.sendFailures -= 1;
          return json({ errcode: -1, errmsg: 'system busy' });
        }
        // WeCom's duplicate check: with enable_duplicate_check, the same request JSON within the interval is not
        // delivered again (the call still succeeds).
        if (body.enable_duplicate_check === 1) {
          const seenAt = this.recentRequests.get(raw.toString('utf8'));
          const interval = Number(body.duplicate_check_interval ?? 1800) * 1000;
          if (seenAt !== undefined && Date.now() - seenAt < interval) {
            this.duplicatesDropped += 1;
            return json({ errcode: 0, errmsg: 'ok', msgid: 'duplicate' });
          }
          this.recentRequests.set(raw.toString('utf8'), Date.now());
        }
        // Recorded without the invisible per-delivery tag (zero-width characters), as a user would read it.
        this.sent.push({ touser: String(body.touser), msgtype, content: content.replace(/[\u200b\u200c]+$/u, ''), agentid: body.agentid, raw: content });
        if (this.hold.has('send')) return void this.held.push('send');
        return json({ errcode: 0, errmsg: 'ok', msgid: `m${this.sent.length}` });
      }
      case '/cgi-bin/media/get': {
        const media = this.media.get(url.searchParams.get('media_id') ?? '');
        if (!media) return json({ errcode: 40007, errmsg: 'invalid media_id' });
        const mediaId = url.searchParams.get('media_id') ?? '';
        if (this.hold.has(mediaId)) {
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(media.bytes.byteLength) });
          res.write(Buffer.from(media.bytes.subarray(0, Math.floor(media.bytes.byteLength / 2))));
          return void this.held.push(mediaId);
        }
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(media.name)}`,
          'content-length': String(media.bytes.byteLength),
        });
        return void res.end(Buffer.from(media.bytes));
      }
      case '/cgi-bin/media/upload': {
        this.seq += 1;
        const mediaId = `upload-${this.seq}`;
        this.uploads.push({ mediaId, bytes: raw.length, ...multipartFile(raw) });
        return json({ errcode: 0, errmsg: 'ok', type: 'file', media_id: mediaId, created_at: '1700000000' });
      }
      case '/cgi-bin/user/get': {
        const user = url.searchParams.get('userid') ?? '';
        return json({ errcode: 0, errmsg: 'ok', userid: user, department: this.departments.get(user) ?? [1] });
      }
      default:
        return json({ errcode: 40035, errmsg: 'not found' });
    }
  }
}

/** The one file part of a multipart/form-data body: its file name and bytes. */
export function multipartFile(raw: Buffer): { name?: string; data?: Uint8Array } {
  const boundaryEnd = raw.indexOf('\r\n');
  if (boundaryEnd < 0) return {};
  const boundary = raw.subarray(0, boundaryEnd);
  const headersEnd = raw.indexOf('\r\n\r\n');
  if (headersEnd < 0) return {};
  const headers = raw.subarray(0, headersEnd).toString('utf8');
  const star = /filename\*=UTF-8''([^;\r\n]+)/iu.exec(headers);
  const plain = /filename="([^"]*)"/iu.exec(headers);
  const name = star ? decodeURIComponent(star[1]!) : plain?.[1];
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), headersEnd + 4);
  return { ...(name !== undefined ? { name } : {}), data: new Uint8Array(raw.subarray(headersEnd + 4, end < 0 ? raw.length : end)) };
}
