import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI from 'openai';
import { createEmbedder, EmbeddingError } from '../../src/knowledge/embed.ts';
import { fakeEmbedding, startFakeEmbeddingsServer, type FakeEmbeddingsServer } from '../helpers/fake-openai-embeddings.ts';

describe('OpenAI-compatible embedder against a loopback fake (real openai client)', () => {
  let server: FakeEmbeddingsServer;
  beforeAll(async () => {
    server = await startFakeEmbeddingsServer({ dimensions: 32 });
  });
  afterAll(async () => {
    await server?.close();
  });
  const config = () => ({ baseURL: server.baseURL, apiKey: 'sk-test', model: 'bge-m3', dimensions: 32 });

  it('the fake speaks base64 (the SDK default) and float alike', async () => {
    const client = new OpenAI({ apiKey: 'sk-test', baseURL: server.baseURL, maxRetries: 0 });
    const viaBase64 = await client.embeddings.create({ model: 'bge-m3', input: ['政府采购执行率'] });
    const viaFloat = await client.embeddings.create({ model: 'bge-m3', input: ['政府采购执行率'], encoding_format: 'float' });
    const expected = fakeEmbedding('政府采购执行率', 32);
    expect(viaBase64.data[0]!.embedding).toHaveLength(32);
    viaBase64.data[0]!.embedding.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(viaFloat.data[0]!.embedding).toEqual(expected);
  });

  it('puts texts that share words nearer than unrelated ones', () => {
    const cos = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);
    const a = fakeEmbedding('政府采购预算执行情况', 256);
    const b = fakeEmbedding('政府采购预算超支', 256);
    const c = fakeEmbedding('在职人员控制率', 256);
    expect(cos(a, b)).toBeGreaterThan(cos(a, c));
  });

  it('asks for float vectors, batches inputs and keeps their order', async () => {
    const embedder = createEmbedder(config(), { batchSize: 2 })!;
    const texts = ['预算执行率', '结转结余', '三公经费', '在职人员控制率', '政府采购'];
    const before = server.requests.length;
    const vectors = await embedder.embed(texts);
    const sent = server.requests.slice(before);
    expect(sent.map((r) => r.input.length)).toEqual([2, 2, 1]);
    expect(sent.every((r) => r.encoding_format === 'float')).toBe(true);
    expect(vectors).toEqual(texts.map((t) => fakeEmbedding(t, 32)));
  });

  it('retries a failing server with backoff, then succeeds', async () => {
    const embedder = createEmbedder(config(), { retryBaseMs: 5 })!;
    server.failNext(2, 503);
    const before = server.requests.length;
    const [vector] = await embedder.embed(['预算执行率']);
    expect(vector).toEqual(fakeEmbedding('预算执行率', 32));
    expect(server.requests.length - before).toBe(3);
  });

  it('gives up after the retries with a coded Chinese error', async () => {
    const embedder = createEmbedder(config(), { retryBaseMs: 1, maxRetries: 1 })!;
    server.failNext(5, 500);
    const error = await embedder.embed(['x']).catch((e: unknown) => e);
    server.failNext(0);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).code).toBe('embedding-unavailable');
    expect((error as EmbeddingError).message).toContain('向量服务不可用');
  });

  it('does not retry a rejected request, and checks the dimension', async () => {
    server.failNext(1, 401);
    const rejected = await createEmbedder(config(), { retryBaseMs: 1 })!.embed(['x']).catch((e: unknown) => e);
    expect((rejected as EmbeddingError).code).toBe('embedding-rejected');
    const wrongSize = createEmbedder({ ...config(), dimensions: 1536 })!;
    const invalid = await wrongSize.embed(['x']).catch((e: unknown) => e);
    expect((invalid as EmbeddingError).code).toBe('embedding-invalid');
    expect((invalid as EmbeddingError).message).toContain('EMBEDDING_DIMENSIONS');
  });

  it('is null (keyword-only) when no embedding model is configured', () => {
    expect(createEmbedder(undefined)).toBeNull();
  });
});
