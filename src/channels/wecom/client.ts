import { createHash } from 'node:crypto';
import { z } from 'zod';
import { DownloadTooLargeError, readCapped } from '../read-capped.js';
import { WecomApiError } from './api-error.js';
import { splitByBytes } from './split-message.js';

/**
 * The WeCom server API used by the channel: gettoken (cached until shortly before expiry, refreshed when an API
 * answers 40014 invalid / 42001 expired), message/send (text 2048 bytes, markdown 4096 bytes per message: longer
 * content is split), media/get (files users send), media/upload (drafts sent back as files) and user/get (departments).
 */
export interface WecomClientOptions {
  corpId: string;
  agentId: string;
  secret: string;
  apiBase: string; // https://qyapi.weixin.qq.com by default
  timeoutMs?: number;
  now?: () => number;
}

export const TEXT_LIMIT_BYTES = 2048;
export const MARKDOWN_LIMIT_BYTES = 4096;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const TOKEN_ERRORS = new Set([40014, 42001]);
/** WeCom drops a request identical to one sent within this window (enable_duplicate_check; its default, 30 min). */
export const DUPLICATE_CHECK_SECONDS = 1800;
/** Appended when the same words answer another message within the duplicate-check window (else WeCom drops them). */
export const REPEAT_MARK = '（同上）';

const ApiResult = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() }).loose();
const TokenResult = z.object({ errcode: z.literal(0).optional(), access_token: z.string().min(1), expires_in: z.number().positive() });
const UserResult = z.object({ department: z.array(z.number()).default([]) });
const UploadResult = z.object({ media_id: z.string().min(1) });

export class WecomClient {
  private token: { value: string; expiresAt: number } | undefined;
  private pendingToken: Promise<string> | undefined;
  private readonly departments = new Map<string, { value: number[]; expiresAt: number }>();
  private readonly recent = new Map<string, { key: string; at: number }>(); // request hash → delivery that sent it
  private readonly now: () => number;
  private readonly timeoutMs: number;

  constructor(private readonly options: WecomClientOptions) {
    this.now = options.now ?? Date.now;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /**
   * Send text, split at WeCom's limit. With `deliveryKey`, WeCom's duplicate check is on: resending the same delivery's
   * reply after a crash is the same request, which WeCom drops within DUPLICATE_CHECK_SECONDS. Nothing invisible is
   * added (it would come along when a draft is copied into Word); instead, when this process sent the same words for
   * another delivery within the window, the part ends in a visible 「（同上）」 so that it still arrives.
   */
  async sendText(user: string, text: string, deliveryKey?: string): Promise<void> {
    await this.sendParts(user, 'text', text, TEXT_LIMIT_BYTES, deliveryKey);
  }

  async sendMarkdown(user: string, markdown: string, deliveryKey?: string): Promise<void> {
    await this.sendParts(user, 'markdown', markdown, MARKDOWN_LIMIT_BYTES, deliveryKey);
  }

  private async sendParts(user: string, msgtype: 'text' | 'markdown', text: string, limit: number, deliveryKey: string | undefined): Promise<void> {
    const parts = splitByBytes(text, limit - Buffer.byteLength(REPEAT_MARK));
    for (const part of parts) {
      const content = deliveryKey ? this.distinct(user, msgtype, part, deliveryKey) : part;
      await this.send(user, msgtype, { content }, deliveryKey !== undefined);
    }
  }

  /** The part as it is, or marked when the same request went out for another delivery within the window. */
  private distinct(user: string, msgtype: string, content: string, deliveryKey: string): string {
    const now = this.now();
    for (const [hash, sent] of this.recent) if (sent.at < now - DUPLICATE_CHECK_SECONDS * 1000) this.recent.delete(hash);
    let out = content;
    for (;;) {
      const hash = createHash('sha256').update(`${user}\u0000${msgtype}\u0000${out}`).digest('hex');
      const sent = this.recent.get(hash);
      if (!sent || sent.key === deliveryKey) {
        this.recent.set(hash, { key: deliveryKey, at: sent?.at ?? now });
        return out;
      }
      out += REPEAT_MARK;
    }
  }

  async sendFile(user: string, name: string, bytes: Uint8Array): Promise<void> {
    const form = new FormData();
    form.append('media', new Blob([bytes]), name);
    const json = await this.call('/cgi-bin/media/upload', { type: 'file' }, { method: 'POST', body: form });
    const upload = UploadResult.safeParse(json);
    if (!upload.success) throw new WecomApiError('media/upload returned no media_id', undefined);
    await this.send(user, 'file', { media_id: upload.data.media_id });
  }

  /** Download a file a user sent (MediaId from the callback). */
  async getMedia(mediaId: string): Promise<{ name: string | undefined; bytes: Uint8Array }> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.accessToken();
      const response = await this.fetch(this.url('/cgi-bin/media/get', { access_token: token, media_id: mediaId }), {});
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('json') || type.startsWith('text/plain')) {
        const json = ApiResult.safeParse(await response.json().catch(() => undefined));
        const errcode = json.success ? json.data.errcode : undefined;
        if (errcode !== undefined && TOKEN_ERRORS.has(errcode) && attempt === 0) {
          this.invalidate(token);
          continue;
        }
        throw new WecomApiError(`media/get failed (errcode ${errcode ?? 'none'})`, errcode);
      }
      if (!response.ok) throw new WecomApiError(`media/get HTTP ${response.status}`, undefined);
      let bytes: Uint8Array;
      try {
        bytes = await readCapped(response, MAX_FILE_BYTES); // streamed: a lying Content-Length cannot make us buffer more
      } catch (cause) {
        if (cause instanceof DownloadTooLargeError) throw new WecomApiError('media too large', undefined, { cause });
        throw new WecomApiError('media/get download failed', undefined, { cause });
      }
      return { name: fileNameOf(response.headers.get('content-disposition')), bytes };
    }
  }

  /** The departments of a member (cached ten minutes), for department → scope mapping. */
  async userDepartments(user: string): Promise<number[]> {
    const cached = this.departments.get(user);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    const json = await this.call('/cgi-bin/user/get', { userid: user }, { method: 'GET' });
    const value = UserResult.safeParse(json).data?.department ?? [];
    this.departments.set(user, { value, expiresAt: this.now() + 600_000 });
    return value;
  }

  async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const url = this.url('/cgi-bin/gettoken', { corpid: this.options.corpId, corpsecret: this.options.secret });
    const response = await this.fetch(url, {});
    const json: unknown = await response.json().catch(() => undefined);
    const parsed = TokenResult.safeParse(json);
    if (!parsed.success) {
      const errcode = ApiResult.safeParse(json).data?.errcode;
      throw new WecomApiError(`gettoken failed (errcode ${errcode ?? 'none'})`, errcode);
    }
    // Refresh five minutes early (or at half-life for short-lived tokens) so a token never expires mid-call.
    const margin = Math.min(300, parsed.data.expires_in / 2) * 1000;
    this.token = { value: parsed.data.access_token, expiresAt: this.now() + parsed.data.expires_in * 1000 - margin };
    return parsed.data.access_token;
  }

  private invalidate(token: string): void {
    if (this.token?.value === token) this.token = undefined;
  }

  private async send(user: string, msgtype: 'text' | 'markdown' | 'file', content: Record<string, string>, dedupe = false): Promise<void> {
    const body = JSON.stringify({
      touser: user,
      msgtype,
      agentid: Number(this.options.agentId) || this.options.agentId,
      [msgtype]: content,
      ...(dedupe ? { enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SECONDS } : {}),
    });
    await this.call('/cgi-bin/message/send', {}, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
  }

  /** Call an API with the access token; on 40014/42001 get a new token and try once more. */
  private async call(path: string, query: Record<string, string>, init: RequestInit): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.accessToken();
      const response = await this.fetch(this.url(path, { ...query, access_token: token }), init);
      const json: unknown = await response.json().catch(() => undefined);
      const parsed = ApiResult.safeParse(json);
      if (!parsed.success) throw new WecomApiError(`${path} HTTP ${response.status}, not JSON`, undefined);
      const errcode = parsed.data.errcode ?? 0;
      if (errcode === 0) return json;
      if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
        this.invalidate(token);
        continue;
      }
      throw new WecomApiError(`${path} failed (errcode ${errcode})`, errcode);
    }
  }

  private url(path: string, query: Record<string, string>): string {
    const url = new URL(path.replace(/^\//, ''), this.options.apiBase.endsWith('/') ? this.options.apiBase : `${this.options.apiBase}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  private async fetch(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (cause) {
      throw new WecomApiError('WeCom API unreachable', undefined, { cause });
    }
  }
}

function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      return undefined;
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1];
}
