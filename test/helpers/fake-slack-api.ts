import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { closeLoopback, listenOnLoopback } from './loopback-server.ts';
import { FakeSlackSocket } from './fake-slack-socket.ts';
import { multipartFile } from './fake-wecom-api.ts';

/**
 * A loopback fake of the Slack Web API speaking its real HTTP shape (form-encoded or JSON methods under /api/,
 * url_private downloads, the files.uploadV2 upload URL, response_url posts). Tests point SLACK_API_URL at `apiUrl`
 * and wait on what it received with a bounded poll.
 */
export interface PostedMessage {
  channel: string;
  thread_ts: string | undefined;
  text: string;
  blocks: Array<Record<string, unknown>>;
  ts?: string;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export interface FakeFile {
  id: string;
  name: string;
  bytes: Uint8Array;
  /** Served instead of `bytes`, chunk by chunk (large generated files). */
  stream?: () => AsyncIterable<Uint8Array>;
  /** What files.info says the size is (default: bytes.byteLength), e.g. 0 for a 60 MB file. */
  claimedSize?: number;
  /** The Content-Length header of a streamed download (default: none). */
  claimedLength?: number;
  channel: string;
  ts: string;
  threadTs?: string;
}

export class FakeSlackApi {
  readonly botToken: string;
  readonly appToken = 'xapp-fake-app-token';
  /** Socket Mode: the WebSocket that apps.connections.open hands out. */
  readonly socket = new FakeSlackSocket();
  readonly messages: PostedMessage[] = [];
  readonly responses: Array<{ path: string; body: Record<string, unknown> }> = [];
  readonly uploads: Array<{ id: string; title: string; channel_id: string; thread_ts?: string; bytes: number; filename?: string; data?: Uint8Array }> = [];
  private readonly uploadData = new Map<string, { filename: string; data: Uint8Array }>();
  readonly downloads: string[] = [];
  readonly calls: string[] = [];
  private readonly files = new Map<string, FakeFile>();
  private readonly uploadBytes = new Map<string, number>();
  private readonly failures = new Map<string, number>();
  /**
   * Requests to hold: a method name ('chat.postMessage') or a file id (its download). A held request is recorded as
   * usual (a held post IS posted), then its answer never comes — the moment a test kills the server process.
   * A held download sends its headers and half the bytes, then stalls.
   */
  readonly hold = new Set<string>();
  /** Requests currently held, by method or file id. */
  readonly held: string[] = [];
  /**
   * Methods Slack is slow to carry out (ms): the request is accepted at once and takes effect after the delay, even
   * when the caller is gone by then (a postMessage pending while the server is killed). `slowPending` lists the
   * thread (or channel) of each such request received.
   */
  readonly slow = new Map<string, number>();
  readonly slowPending: string[] = [];
  /** Slow methods whose delay starts only at the next conversation lookup (Slack posting just after someone looked). */
  readonly slowAfterLookup = new Set<string>();
  private lookupWaiters: Array<() => void> = [];
  private server: Server | undefined;
  private base = '';
  private seq = 0;

  constructor(options: { botToken?: string } = {}) {
    this.botToken = options.botToken ?? 'xoxb-fake-token';
  }

  get url(): string {
    return this.base;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.socket.attach(this.server, '/socket');
    this.base = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    this.socket.close();
    await closeLoopback(this.server);
  }

  addFile(file: FakeFile): void {
    this.files.set(file.id, file);
  }

  /** The next `count` calls of `method` answer {ok:false, error:'internal_error'}. */
  failNext(method: string, count = 1): void {
    this.failures.set(method, count);
  }

  /** Bounded poll until `predicate` holds; throws with `what` after `timeoutMs`. */
  async waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    await waitUntil(predicate, what, timeoutMs);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.base).pathname;
    const raw = await readAll(req);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const authorized = req.headers.authorization === `Bearer ${this.botToken}`;
    if (path.startsWith('/files/')) {
      const file = this.files.get(path.slice('/files/'.length));
      if (!authorized || !file) return void res.writeHead(authorized ? 404 : 403).end();
      this.downloads.push(file.id);
      if (this.hold.has(file.id)) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(file.bytes.byteLength) });
        res.write(Buffer.from(file.bytes.subarray(0, Math.floor(file.bytes.byteLength / 2))));
        this.held.push(file.id);
        return;
      }
      if (file.stream) {
        res.writeHead(200, { 'content-type': 'application/octet-stream', ...(file.claimedLength !== undefined ? { 'content-length': String(file.claimedLength) } : {}) });
        for await (const chunk of file.stream()) if (!res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
        return void res.end();
      }
      return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from(file.bytes));
    }
    if (path.startsWith('/upload/')) {
      this.uploadBytes.set(path.slice('/upload/'.length), raw.length);
      const pending = this.uploadData.get(path.slice('/upload/'.length));
      if (pending) pending.data = raw.subarray(0, 2).toString() === '--' ? (multipartFile(raw).data ?? new Uint8Array()) : new Uint8Array(raw);
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
    }
    if (path.startsWith('/respond/')) {
      this.responses.push({ path, body: JSON.parse(raw.toString('utf8')) as Record<string, unknown> });
      return json(200, { ok: true });
    }
    if (!path.startsWith('/api/')) return void res.writeHead(404).end();
    const method = path.slice('/api/'.length);
    this.calls.push(method);
    const args = parseArgs(raw.toString('utf8'), String(req.headers['content-type'] ?? ''));
    const token = req.headers.authorization ?? (typeof args.token === 'string' ? `Bearer ${args.token}` : '');
    if (method === 'apps.connections.open') {
      if (token !== `Bearer ${this.appToken}`) return json(200, { ok: false, error: 'invalid_auth' });
      return json(200, { ok: true, url: `${this.base.replace('http:', 'ws:')}/socket?ticket=1` });
    }
    if (token !== `Bearer ${this.botToken}`) return json(200, { ok: false, error: 'invalid_auth' });
    if (method === 'conversations.replies' || method === 'conversations.history') {
      const waiters = this.lookupWaiters;
      this.lookupWaiters = [];
      for (const wake of waiters) wake();
    }
    const delay = this.slow.get(method);
    if (delay !== undefined) {
      this.slowPending.push(String(args.thread_ts ?? args.channel ?? ''));
      if (this.slowAfterLookup.has(method)) await new Promise<void>((resolve) => this.lookupWaiters.push(resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    const failures = this.failures.get(method) ?? 0;
    if (failures > 0) {
      this.failures.set(method, failures - 1);
      return json(200, { ok: false, error: 'internal_error' });
    }
    switch (method) {
      case 'auth.test':
        return json(200, { ok: true, url: 'https://example.slack.com/', team: 'Example', user: 'selfeval', team_id: 'T0001', user_id: 'UBOT', bot_id: 'B0001' });
      case 'chat.postMessage': {
        const blocks = typeof args.blocks === 'string' ? (JSON.parse(args.blocks) as PostedMessage['blocks']) : ((args.blocks as PostedMessage['blocks']) ?? []);
        this.seq += 1;
        const ts = `1800000000.${String(this.seq).padStart(6, '0')}`;
        const metadata = typeof args.metadata === 'string' ? (JSON.parse(args.metadata) as PostedMessage['metadata']) : (args.metadata as PostedMessage['metadata']);
        this.messages.push({ channel: String(args.channel), thread_ts: args.thread_ts as string | undefined, text: String(args.text ?? ''), blocks, ts, ...(metadata ? { metadata } : {}) });
        if (this.hold.has(method)) return void this.held.push(method);
        return json(200, { ok: true, channel: args.channel, ts });
      }
      case 'conversations.replies':
      case 'conversations.history': {
        // Metadata is returned only when asked for (include_all_metadata), as Slack does.
        const withMetadata = String(args.include_all_metadata) === 'true';
        const inThread = (m: PostedMessage) => (method === 'conversations.replies' ? m.thread_ts === String(args.ts) : m.thread_ts === undefined);
        const messages = this.messages
          .filter((m) => m.channel === String(args.channel) && inThread(m))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}), ...(withMetadata && m.metadata ? { metadata: m.metadata } : {}) }));
        return json(200, { ok: true, messages, has_more: false });
      }
      case 'files.info': {
        const file = this.files.get(String(args.file));
        if (!file) return json(200, { ok: false, error: 'file_not_found' });
        const share = { ts: file.ts, ...(file.threadTs ? { thread_ts: file.threadTs } : {}) };
        const shares = file.channel.startsWith('C') ? { public: { [file.channel]: [share] } } : { private: { [file.channel]: [share] } };
        return json(200, {
          ok: true,
          file: { id: file.id, name: file.name, size: file.claimedSize ?? file.bytes.byteLength, url_private: `${this.base}/files/${file.id}`, shares },
        });
      }
      case 'files.getUploadURLExternal': {
        this.seq += 1;
        const id = `FUP${this.seq}`;
        this.uploadData.set(id, { filename: String(args.filename ?? ''), data: new Uint8Array() });
        return json(200, { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const files = (typeof args.files === 'string' ? JSON.parse(args.files) : args.files) as Array<{ id: string; title: string }>;
        for (const file of files) {
          this.uploads.push({
            id: file.id,
            title: file.title,
            channel_id: String(args.channel_id),
            thread_ts: args.thread_ts as string | undefined,
            bytes: this.uploadBytes.get(file.id) ?? 0,
            ...(this.uploadData.get(file.id) ? { filename: this.uploadData.get(file.id)!.filename, data: this.uploadData.get(file.id)!.data } : {}),
          });
        }
        return json(200, { ok: true, files });
      }
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }
}

export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The whole body of a request to a fake server. */
export function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(raw));
}
