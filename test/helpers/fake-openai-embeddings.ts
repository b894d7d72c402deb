import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

/**
 * A loopback stand-in for POST /v1/embeddings that speaks OpenAI's wire format, including `encoding_format: "base64"`
 * (Float32 little-endian, the openai SDK's default) and `"float"`. Vectors are deterministic: a hashed bag of jieba
 * words (default dictionary, search mode), L2-normalised, so texts sharing words are near each other.
 *
 * Compose it: `handleEmbeddingsRequest(body)` is a pure function from the parsed JSON body to `{ status, json }`,
 * which another fake server (e.g. fake-openai-chat.ts) can mount on its own `/v1/embeddings` route.
 */

let jieba: Jieba | undefined;

export function fakeEmbedding(text: string, dimensions: number): number[] {
  jieba ??= Jieba.withDict(dict);
  const vector = new Array<number>(dimensions).fill(0);
  for (const raw of jieba.cutForSearch(text, true)) {
    const word = raw.trim().toLowerCase();
    if (!word || !/[\p{L}\p{N}]/u.test(word)) continue;
    const hash = fnv1a(word);
    vector[hash % dimensions]! += (hash & 0x80000000) !== 0 ? -1 : 1;
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector.map((_, i) => (i === 0 ? 1 : 0)) : vector.map((v) => v / norm);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface FakeEmbeddingsOptions {
  /** Vector size when the request does not ask for `dimensions` (default 64). */
  dimensions?: number;
  /** Models the fake accepts (default: any). */
  models?: string[];
}

export function handleEmbeddingsRequest(body: unknown, options: FakeEmbeddingsOptions = {}): { status: number; json: unknown } {
  const request = body as { model?: unknown; input?: unknown; encoding_format?: unknown; dimensions?: unknown };
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  if (typeof request.model !== 'string' || !Array.isArray(inputs) || !inputs.every((i) => typeof i === 'string')) {
    return { status: 400, json: { error: { message: "'model' and 'input' (string or string[]) are required", type: 'invalid_request_error' } } };
  }
  if (options.models && !options.models.includes(request.model)) {
    return { status: 404, json: { error: { message: `The model '${request.model}' does not exist`, type: 'invalid_request_error' } } };
  }
  const dimensions = typeof request.dimensions === 'number' ? request.dimensions : (options.dimensions ?? 64);
  const base64 = request.encoding_format === 'base64';
  const data = (inputs as string[]).map((text, index) => {
    const vector = fakeEmbedding(text, dimensions);
    const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = (inputs as string[]).reduce((n, t) => n + t.length, 0);
  return { status: 200, json: { object: 'list', data, model: request.model, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
}

export interface FakeEmbeddingsServer {
  baseURL: string; // http://127.0.0.1:PORT/v1
  /** Parsed bodies of every embeddings request, in order. */
  requests: { model: string; input: string[]; encoding_format?: string }[];
  /** Answer the next `count` requests with this HTTP status (e.g. 500, 429) before behaving again. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startFakeEmbeddingsServer(options: FakeEmbeddingsOptions = {}): Promise<FakeEmbeddingsServer> {
  const requests: FakeEmbeddingsServer['requests'] = [];
  let failures = 0;
  let failStatus = 500;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (req.method !== 'POST' || !req.url?.endsWith('/embeddings')) return send(404, { error: { message: 'not found' } });
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(400, { error: { message: 'invalid JSON' } });
      }
      const parsed = body as { model: string; input: string | string[]; encoding_format?: string };
      requests.push({ model: parsed.model, input: [parsed.input].flat(), encoding_format: parsed.encoding_format });
      if (failures > 0) {
        failures -= 1;
        return send(failStatus, { error: { message: 'temporarily unavailable', type: 'server_error' } });
      }
      const answer = handleEmbeddingsRequest(body, options);
      send(answer.status, answer.json);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    failNext(count: number, status = 500) {
      failures = count;
      failStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
