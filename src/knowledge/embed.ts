import type OpenAI from 'openai';
import { z } from 'zod';
import type { Config } from '../config/env.js';

/** Turns texts into vectors. `null` from createEmbedder means "none": keyword-only search. */
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  embed(texts: readonly string[]): Promise<number[][]>;
}

/** An embedding endpoint failed: 'embedding-unavailable' (network, 5xx, 429 after retries) or 'embedding-rejected'. */
export class EmbeddingError extends Error {
  constructor(
    readonly code: 'embedding-unavailable' | 'embedding-rejected' | 'embedding-invalid',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EmbeddingError';
  }
}

export interface EmbedderOptions {
  batchSize?: number; // inputs per request (default 64)
  timeoutMs?: number; // per request (default 30 s)
  maxRetries?: number; // retries of a retryable failure (default 3)
  retryBaseMs?: number; // first backoff delay, doubled each retry, with jitter (default 500 ms)
}

const ResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

/** The configured OpenAI-compatible embedder, or null when no EMBEDDING_MODEL is set. */
export function createEmbedder(config: Config['embedding'], options: EmbedderOptions = {}): Embedder | null {
  if (!config) return null;
  // The OpenAI SDK loads with the first request, so keyword-only commands never load it.
  let client: OpenAI | undefined;
  const connect = async (): Promise<OpenAI> => {
    const { default: OpenAIClient } = await openaiSdk();
    client ??= new OpenAIClient({
      apiKey: config.apiKey,
      baseURL: config.baseURL,
      timeout: options.timeoutMs ?? 30_000,
      maxRetries: 0, // retried below, with our own backoff and Chinese errors
    });
    return client;
  };
  const batchSize = options.batchSize ?? 64;
  const maxRetries = options.maxRetries ?? 3;
  const retryBaseMs = options.retryBaseMs ?? 500;
  // Only OpenAI's text-embedding-3 models accept `dimensions`; other servers may reject the field.
  const sendDimensions = config.model.startsWith('text-embedding-3');

  const request = async (input: string[]): Promise<number[][]> => {
    const body = await (await connect()).embeddings.create({
      model: config.model,
      input,
      encoding_format: 'float', // servers other than OpenAI often do not implement base64
      ...(sendDimensions ? { dimensions: config.dimensions } : {}),
    });
    const parsed = ResponseSchema.safeParse(body);
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw new EmbeddingError('embedding-invalid', `向量服务返回的数据格式不对（模型 ${config.model}）。`);
    }
    const vectors = [...parsed.data.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
    const wrong = vectors.find((v) => v.length !== config.dimensions);
    if (wrong) {
      throw new EmbeddingError(
        'embedding-invalid',
        `向量维度不符：模型 ${config.model} 返回 ${wrong.length} 维，但 EMBEDDING_DIMENSIONS 设为 ${config.dimensions}。`,
      );
    }
    return vectors;
  };

  const withRetry = async (input: string[]): Promise<number[][]> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(input);
      } catch (error) {
        if (error instanceof EmbeddingError) throw error;
        const sdk = await openaiSdk();
        if (!isRetryable(error, sdk)) {
          throw new EmbeddingError('embedding-rejected', `向量服务拒绝了请求：${describe(error, sdk)}`, { cause: error });
        }
        if (attempt >= maxRetries) {
          throw new EmbeddingError('embedding-unavailable', `向量服务不可用（已重试 ${maxRetries} 次）：${describe(error, sdk)}`, {
            cause: error,
          });
        }
        const delay = retryBaseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  };

  return {
    model: config.model,
    dimensions: config.dimensions,
    async embed(texts: readonly string[]): Promise<number[][]> {
      const out: number[][] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        out.push(...(await withRetry(texts.slice(start, start + batchSize))));
      }
      return out;
    },
  };
}

type OpenAiSdk = typeof import('openai');
const openaiSdk = (): Promise<OpenAiSdk> => import('openai');

function isRetryable(error: unknown, { APIConnectionError, APIError }: OpenAiSdk): boolean {
  if (error instanceof APIConnectionError) return true; // includes timeouts
  if (error instanceof APIError) return error.status === 408 || error.status === 409 || error.status === 429 || (error.status ?? 0) >= 500;
  return false;
}

function describe(error: unknown, { APIError }: OpenAiSdk): string {
  if (error instanceof APIError && error.status) return `HTTP ${error.status} ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
