import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/**
 * A loopback fake of an OpenAI-compatible chat server (POST /v1/chat/completions), scripted per test.
 * It speaks the real HTTP shape: JSON completions, SSE streaming (text and tool-call deltas), HTTP errors, and a
 * request that is never answered (for timeouts). Every completion gets a unique `id`: LangGraph merges messages
 * that share one.
 */
const MessageSchema = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.null(), z.array(z.unknown())]).optional(),
  tool_calls: z.array(z.looseObject({ id: z.string(), function: z.object({ name: z.string(), arguments: z.string() }) })).optional(),
  tool_call_id: z.string().optional(),
});

const ChatRequestSchema = z.looseObject({
  model: z.string(),
  messages: z.array(MessageSchema),
  tools: z.array(z.looseObject({ type: z.string(), function: z.looseObject({ name: z.string() }) })).optional(),
  stream: z.boolean().optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

export type FakeReply =
  // `reasoning`: a DeepSeek/Qwen-style `reasoning_content` sent beside `content` (JSON) or before it (SSE deltas)
  // `chunkMs`: over SSE, the content pieces arrive this many ms apart (a model writing), not in one burst
  | { kind: 'text'; content: string; reasoning?: string; chunkMs?: number }
  // `oneChunk`: over SSE, each tool call arrives whole in one delta (some servers) instead of split arguments
  | { kind: 'tool-calls'; calls: { name: string; arguments: Record<string, unknown> }[]; reasoning?: string; oneChunk?: boolean }
  | { kind: 'hang' } // never answers: the client must time out
  | { kind: 'error'; status: number; message?: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number; then: FakeReply }; // answers `then` after `ms` (a slow model)

/** Decides the reply to one request; `index` counts requests from 0. */
export type FakeHandler = (request: ChatRequest, index: number) => FakeReply;

export interface FakeOpenAIChat {
  baseURL: string; // "http://127.0.0.1:PORT/v1"
  requests: ChatRequest[];
  close(): Promise<void>;
}

/** Text of a message: a string, or the text parts of an array of content parts. */
export function contentText(message: ChatRequest['messages'][number] | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part) => (typeof part === 'object' && part !== null && 'text' in part ? String((part as { text: unknown }).text) : '')).join('');
}

/** Text of the last message with role `role`. */
export function lastContent(request: ChatRequest, role: string): string {
  return contentText([...request.messages].reverse().find((m) => m.role === role));
}

/** Replies in order; after the script ends, the last entry repeats. */
export function scripted(replies: FakeReply[]): FakeHandler {
  return (_request, index) => replies[Math.min(index, replies.length - 1)]!;
}

export async function startFakeOpenAIChat(handler: FakeHandler): Promise<FakeOpenAIChat> {
  const requests: ChatRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    void serve(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
      return json(res, 404, { error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } });
    }
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
    }
    const parsed = ChatRequestSchema.safeParse(body);
    if (!parsed.success) return json(res, 400, { error: { message: parsed.error.message, type: 'invalid_request_error' } });
    const request = parsed.data;
    const index = requests.length;
    requests.push(request);
    let reply = handler(request, index);
    while (reply.kind === 'delay') {
      const { ms, then } = reply;
      await new Promise((resolve) => setTimeout(resolve, ms));
      reply = then;
    }
    if (reply.kind === 'hang') return; // keep the socket open, answer nothing
    if (reply.kind === 'error') {
      return json(res, reply.status, { error: { message: reply.message ?? 'internal error', type: 'server_error' } }, reply.headers);
    }
    const id = `chatcmpl-${randomUUID()}`;
    const created = Math.floor(Date.now() / 1000);
    const toolCalls =
      reply.kind === 'tool-calls'
        ? reply.calls.map((call) => ({
            id: `call_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
            type: 'function' as const,
            function: { name: call.name, arguments: JSON.stringify(call.arguments) },
          }))
        : undefined;
    const content = reply.kind === 'text' ? reply.content : null;
    const finish = reply.kind === 'tool-calls' ? 'tool_calls' : 'stop';
    const reasoning = reply.reasoning;
    const oneChunk = reply.kind === 'tool-calls' && reply.oneChunk === true;
    const chunkMs = reply.kind === 'text' ? reply.chunkMs : undefined;
    if (request.stream) return stream(res, { id, created, model: request.model, content, toolCalls, finish, reasoning, oneChunk, ...(chunkMs ? { chunkMs } : {}) });
    json(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model: request.model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content, ...(reasoning !== undefined ? { reasoning_content: reasoning } : {}), ...(toolCalls ? { tool_calls: toolCalls } : {}) },
          finish_reason: finish,
          logprobs: null,
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': randomUUID(), ...headers });
  res.end(text);
}

interface StreamInput {
  id: string;
  created: number;
  model: string;
  content: string | null;
  toolCalls: { id: string; type: 'function'; function: { name: string; arguments: string } }[] | undefined;
  finish: string;
  reasoning?: string | undefined;
  oneChunk?: boolean;
  chunkMs?: number;
}

/** SSE: role first, then content in small pieces or tool-call deltas (id and name first, arguments after). */
function stream(res: ServerResponse, input: StreamInput): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
  const send = (delta: Record<string, unknown>, finish: string | null = null) => {
    const chunk = { id: input.id, object: 'chat.completion.chunk', created: input.created, model: input.model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }] };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  send({ role: 'assistant', content: '' });
  if (input.reasoning !== undefined) {
    const characters = [...input.reasoning];
    for (let i = 0; i < characters.length; i += 9) send({ reasoning_content: characters.slice(i, i + 9).join(''), content: null });
  }
  if (input.oneChunk && input.toolCalls) {
    send({ tool_calls: input.toolCalls.map((call, index) => ({ index, id: call.id, type: 'function', function: call.function })) });
    send({}, input.finish);
    res.write('data: [DONE]\n\n');
    res.end();
    return;
  }
  if (input.content !== null && input.chunkMs) {
    const characters = [...input.content];
    const chunkMs = input.chunkMs;
    void (async () => {
      for (let i = 0; i < characters.length; i += 7) {
        send({ content: characters.slice(i, i + 7).join('') });
        await new Promise((resolve) => setTimeout(resolve, chunkMs));
      }
      send({}, input.finish);
      res.write('data: [DONE]\n\n');
      res.end();
    })();
    return;
  }
  if (input.content !== null) {
    const characters = [...input.content];
    for (let i = 0; i < characters.length; i += 7) send({ content: characters.slice(i, i + 7).join('') });
  }
  input.toolCalls?.forEach((call, index) => {
    send({ tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] });
    const args = call.function.arguments;
    for (let i = 0; i < args.length; i += 10) send({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 10) } }] });
  });
  send({}, input.finish);
  res.write('data: [DONE]\n\n');
  res.end();
}

/**
 * The real assistant (offline knowledge: none) on the sample report in thread "t", talking to a fake model scripted
 * by `handler`; the caller closes `fake`. Loading the report needs no model.
 */
export async function sampleAssistantWithModel(
  handler: FakeHandler,
  overrides: Partial<import('../../src/assistant/llm/llm-settings.ts').LlmSettings> = {},
): Promise<{ assistant: import('../../src/assistant/turn.ts').TurnHandler; fake: FakeOpenAIChat }> {
  const [{ readFileSync }, { loadRubric }, { createAssistant }, { createVolatileMemory }, { SAMPLE_REPORT_PATH }] = await Promise.all([
    import('node:fs'),
    import('../../src/rubric/load-rubric.ts'),
    import('../../src/assistant/conversation.ts'),
    import('../../src/assistant/memory.ts'),
    import('./sample-report.ts'),
  ]);
  const fake = await startFakeOpenAIChat(handler);
  const llm = { baseURL: fake.baseURL, apiKey: 'sk-test', model: 'fake-model', timeoutMs: 5_000, maxRetries: 0, ...overrides };
  const assistant = createAssistant({ rubric: await loadRubric(), memory: createVolatileMemory(), knowledge: null, llm });
  await assistant.handle({ text: '', user: 'test', scope: 'public', thread: 't', attachments: [{ name: 'lechang.txt', bytes: readFileSync(SAMPLE_REPORT_PATH) }] });
  return { assistant, fake };
}
