import { createInflateRaw, inflateRaw } from 'node:zlib';
import { promisify } from 'node:util';
import type { ZipEntry } from './zip-limits.js';

const inflateRawAsync = promisify(inflateRaw) as (buffer: Uint8Array, options: { maxOutputLength: number }) => Promise<Buffer>;

const LOCAL_SIGNATURE = 0x04034b50;

/** An entry inflated past the size its directory declared: the directory lied (a forged zip bomb). */
export class ZipEntryTooLargeError extends Error {
  readonly code = 'zip-entry-too-large';
  constructor(readonly entry: string, readonly limit: number) {
    super(`zip entry ${entry} inflates past ${limit} bytes`);
  }
}

/** A zip entry that cannot be read: bad local header, unknown method, encryption. */
export class ZipEntryUnreadableError extends Error {
  readonly code = 'zip-entry-unreadable';
}

/** The entries of a zip already checked by zip-limits, read one at a time with the inflated size capped. */
export class ZipEntries {
  private readonly byName = new Map<string, ZipEntry>();

  constructor(private readonly bytes: Uint8Array, entries: readonly ZipEntry[]) {
    for (const entry of entries) this.byName.set(entry.name.replace(/^\//, '').toLowerCase(), entry);
  }

  has(name: string): boolean {
    return this.byName.has(name.replace(/^\//, '').toLowerCase());
  }

  /**
   * The entry's bytes, or null when there is no such entry. Inflation stops at the size the directory declared (which
   * passed the limits), so a directory that understates an entry cannot make us inflate more than it admitted.
   */
  async read(name: string): Promise<Uint8Array | null> {
    const entry = this.byName.get(name.replace(/^\//, '').toLowerCase());
    if (!entry) return null;
    const data = this.compressedData(entry);
    if (entry.method === 0) {
      if (data.length > entry.uncompressedSize) throw new ZipEntryTooLargeError(entry.name, entry.uncompressedSize);
      return data;
    }
    if (entry.uncompressedSize === 0) return new Uint8Array(0);
    try {
      return await inflateRawAsync(data, { maxOutputLength: entry.uncompressedSize });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new ZipEntryTooLargeError(entry.name, entry.uncompressedSize);
      }
      throw new ZipEntryUnreadableError(`${entry.name} does not inflate`, { cause: error });
    }
  }

  /**
   * The entry's inflated bytes in chunks, or null when there is no such entry. Inflation runs only as fast as the
   * chunks are consumed (stop iterating and the rest is never inflated) and stops at the declared size.
   */
  chunks(name: string): AsyncIterable<Uint8Array> | null {
    const entry = this.byName.get(name.replace(/^\//, '').toLowerCase());
    if (!entry) return null;
    const data = this.compressedData(entry);
    return inflatedChunks(entry, data);
  }

  async readText(name: string): Promise<string | null> {
    const bytes = await this.read(name);
    return bytes === null ? null : new TextDecoder('utf-8').decode(bytes);
  }

  /** The entry's stored (compressed) bytes, after checking its local header, encryption and method. */
  private compressedData(entry: ZipEntry): Uint8Array {
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const at = entry.localHeaderOffset;
    if (at + 30 > this.bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) {
      throw new ZipEntryUnreadableError(`bad local header for ${entry.name}`);
    }
    if (entry.flags & 1) throw new ZipEntryUnreadableError(`${entry.name} is encrypted`);
    if (entry.method !== 0 && entry.method !== 8) throw new ZipEntryUnreadableError(`${entry.name} uses compression method ${entry.method}`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const data = this.bytes.subarray(start, start + entry.compressedSize);
    if (data.length < entry.compressedSize) throw new ZipEntryUnreadableError(`${entry.name} is truncated`);
    return data;
  }
}

const STORED_CHUNK = 64 * 1024;

async function* inflatedChunks(entry: ZipEntry, data: Uint8Array): AsyncGenerator<Uint8Array> {
  if (entry.method === 0) {
    if (data.length > entry.uncompressedSize) throw new ZipEntryTooLargeError(entry.name, entry.uncompressedSize);
    for (let at = 0; at < data.length; at += STORED_CHUNK) yield data.subarray(at, at + STORED_CHUNK);
    return;
  }
  const inflater = createInflateRaw();
  inflater.end(data);
  let total = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > entry.uncompressedSize) throw new ZipEntryTooLargeError(entry.name, entry.uncompressedSize);
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ZipEntryTooLargeError) throw error;
    throw new ZipEntryUnreadableError(`${entry.name} does not inflate`, { cause: error });
  } finally {
    inflater.destroy();
  }
}
