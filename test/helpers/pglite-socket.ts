import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/** An in-memory PGlite (with pgvector) served on 127.0.0.1, so the `pg` driver path can be tested without a server. */
export interface PgliteOverSocket {
  url: string;
  stop(): Promise<void>;
}

export async function servePgliteOverSocket(): Promise<PgliteOverSocket> {
  const pglite = await PGlite.create({ extensions: { vector } });
  const port = await freePort();
  const socket = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port, maxConnections: 10 });
  await socket.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await socket.stop();
      await pglite.close();
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
