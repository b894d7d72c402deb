/** A download passed its byte cap (whatever the sender or files.info said about its size). */
export class DownloadTooLargeError extends Error {
  readonly code = 'download-too-large';
  constructor(readonly limit: number) {
    super(`download larger than ${limit} bytes`);
    this.name = 'DownloadTooLargeError';
  }
}

/**
 * Read a fetch Response body as it streams, stopping (and cancelling the transfer) as soon as it passes `maxBytes`:
 * a declared Content-Length is checked first, but never trusted — a lying or absent length cannot make us buffer
 * more than the cap.
 */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new DownloadTooLargeError(maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new DownloadTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}
