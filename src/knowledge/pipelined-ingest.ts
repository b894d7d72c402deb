import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { chunkFile } from './chunk.js';
import { listDocuments, replaceDocument, type DocumentInfo } from './document-store.js';
import { INDEX_VERSION, toChunks, type IngestContext, type IngestFileResult } from './ingest.js';
import { pastReportFacts } from './past-report-facts.js';

type Prepared =
  | { done: IngestFileResult }
  | { write: () => Promise<IngestFileResult> };

/**
 * Ingest `files` one by one with parsing and writing overlapped: while the store writes file n (PGlite in its worker
 * thread, PostgreSQL over its socket), this thread reads, parses and tokenises file n + 1. Which documents are
 * unchanged is read once up front, so preparing a file never waits for the store. Results arrive in file order.
 */
export async function ingestPipelined(
  context: IngestContext,
  files: readonly { path: string; source: string }[],
  scope: string,
  onResult: (result: IngestFileResult) => void,
): Promise<void> {
  const known = new Map((await listDocuments(context.db, scope)).map((d) => [d.source, d]));
  let writing: Promise<void> = Promise.resolve();
  for (const file of files) {
    const prepared = await prepareFile(context, file.path, file.source, scope, known.get(file.source));
    await writing; // at most one write in flight: memory stays one file ahead
    if ('done' in prepared) {
      onResult(prepared.done);
      continue;
    }
    writing = prepared.write().then(onResult);
    writing.catch(() => undefined); // a failed write is thrown by the next `await writing`, not reported as unhandled
  }
  await writing;
}

async function prepareFile(context: IngestContext, path: string, source: string, scope: string, existing: DocumentInfo | undefined): Promise<Prepared> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    return { done: { path, source, status: 'failed', chunks: 0, message: `无法读取文件 ${path}。` } };
  }
  const contentHash = createHash('sha256').update(`${INDEX_VERSION}\0${context.segmenter.fingerprint}\0`).update(bytes).digest('hex');
  if (existing?.contentHash === contentHash) return { done: { path, source, status: 'unchanged', chunks: existing.chunkCount } };
  const chunked = await chunkFile(path, bytes);
  if (!chunked.ok) return { done: { path, source, status: 'failed', chunks: 0, message: chunked.message } };
  const document = chunked.document;
  if (document.chunks.length === 0) return { done: { path, source, status: 'failed', chunks: 0, message: '文件里没有可检索的正文。' } };
  const chunks = toChunks(context.segmenter, document);
  const facts = document.report ? await pastReportFacts(document.report) : undefined;
  const version = {
    scope, source, title: document.title, kind: document.kind, originPath: path, contentHash,
    department: document.department ?? facts?.department ?? null, year: document.year,
  };
  return {
    write: async () => {
      await replaceDocument(context.db, version, chunks, document.indicators, facts);
      return { path, source, status: existing ? 'updated' : 'added', chunks: chunks.length };
    },
  };
}
