/**
 * PGlite (WASM PostgreSQL with pgvector) in a worker thread: its statements run here, so the main thread stays free to
 * read requests and acknowledge them while a search or an ingest runs. One statement at a time, in arrival order; the
 * main thread decides the order (urgent ledger statements first) and holds transactions (BEGIN … COMMIT).
 */
import { parentPort } from 'node:worker_threads';
import { setFlagsFromString } from 'node:v8';
import type { PGlite } from '@electric-sql/pglite';
import { WASM_FLAGS, type PgliteRequest, type PgliteResponse } from './pglite-protocol.js';

for (const flag of WASM_FLAGS) setFlagsFromString(flag);

const port = parentPort!;
let pg: PGlite | undefined;
let chain: Promise<void> = Promise.resolve();

port.on('message', (request: PgliteRequest) => {
  chain = chain.then(() => handle(request)).then(
    (response) => port.postMessage(response),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, message: messageOf(error) } satisfies PgliteResponse),
  );
});

async function handle(request: PgliteRequest): Promise<PgliteResponse> {
  switch (request.op) {
    case 'open': {
      const [{ PGlite }, { vector }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-pgvector')]);
      const defaults = (PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? [];
      const startParams = [...defaults, ...request.settings.flatMap((setting) => ['-c', setting])];
      pg = await PGlite.create(request.dataDir ?? 'memory://', { extensions: { vector }, startParams });
      await pg.exec('CREATE EXTENSION IF NOT EXISTS vector');
      return { id: request.id, ok: true };
    }
    case 'query': {
      const result = await opened().query(request.sql, request.params);
      return { id: request.id, ok: true, rows: result.rows };
    }
    case 'exec':
      await opened().exec(request.sql);
      return { id: request.id, ok: true };
    case 'close':
      if (pg && !pg.closed) await pg.close();
      pg = undefined;
      return { id: request.id, ok: true };
  }
}

function opened(): PGlite {
  if (!pg) throw new Error('数据库尚未打开');
  return pg;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
