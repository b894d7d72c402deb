import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listen on a free port of 127.0.0.1 and give the server's base URL ("http://127.0.0.1:PORT"). */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Close a fake's server, dropping kept-alive connections so the test does not wait for them. */
export async function closeLoopback(server: Server | undefined): Promise<void> {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
}
