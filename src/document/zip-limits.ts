import type { ParseProblem } from '../model/index.js';
import { problem } from './problems.js';

/** Limits that keep a hostile .docx/.xlsx from exhausting memory or time (issue 12). */
export const ZIP_LIMITS = {
  maxTotalUncompressed: 100 * 1024 * 1024,
  maxRatio: 100, // uncompressed ÷ compressed, for entries larger than ratioFloor
  ratioFloor: 1024 * 1024,
  maxEntries: 10_000,
} as const;

export type ZipLimits = { [K in keyof typeof ZIP_LIMITS]: number };

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number; // 0 stored, 8 deflate
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type CentralDirectory =
  | { ok: true; entries: ZipEntry[] }
  | { ok: false; reason: 'corrupt' } // not a zip, or its directory is broken
  | { ok: false; reason: 'too-large'; size: number }; // zip64 markers, too many entries, too large or too compressed

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

function findEndOfCentralDirectory(view: DataView): number {
  const last = view.byteLength - EOCD_SIZE;
  for (let offset = last; offset >= 0 && offset >= last - MAX_COMMENT; offset -= 1) {
    if (view.getUint32(offset, true) === EOCD_SIGNATURE) return offset;
  }
  return -1;
}

/**
 * Read the central directory from the end of the file without inflating anything. Zip64 (a directory whose counts or
 * sizes do not fit 16/32 bits) is refused: no real report needs it, and its sizes would be 4 GB or more.
 */
export function readCentralDirectory(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): CentralDirectory {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return { ok: false, reason: 'corrupt' };
  const zip64 = { ok: false, reason: 'too-large', size: 0xffffffff } as const;
  if (eocd >= 20 && view.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE) return zip64;
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) return zip64;
  if (count > limits.maxEntries) return { ok: false, reason: 'too-large', size: 0 };
  if (directoryOffset + directorySize > eocd) return { ok: false, reason: 'corrupt' };
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder('utf-8');
  let offset = directoryOffset;
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > eocd || view.getUint32(offset, true) !== CENTRAL_SIGNATURE) return { ok: false, reason: 'corrupt' };
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const entry: ZipEntry = {
      flags: view.getUint16(offset + 8, true),
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
      name: decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) {
      return zip64;
    }
    entries.push(entry);
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}

/** The refusal for a directory whose sizes pass the limits, or null when it is within them. */
export function exceedsLimits(entries: readonly ZipEntry[], limits: ZipLimits = ZIP_LIMITS): { size: number } | null {
  const total = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (entries.length > limits.maxEntries) return { size: total };
  if (total > limits.maxTotalUncompressed) return { size: total };
  const tooCompressed = entries.some((entry) =>
    entry.uncompressedSize > limits.ratioFloor && entry.uncompressedSize > limits.maxRatio * Math.max(entry.compressedSize, 1));
  return tooCompressed ? { size: total } : null;
}

/**
 * Check a .docx/.xlsx before anything inflates it: its central directory must be readable and within the limits.
 * Returns the entries, or the problem to give the user (`zip-bomb`, or `corrupt-file` naming `format`).
 */
export function checkZipLimits(
  bytes: Uint8Array,
  format: string,
  limits: ZipLimits = ZIP_LIMITS,
): { ok: true; entries: ZipEntry[] } | { ok: false; problem: ParseProblem } {
  const directory = readCentralDirectory(bytes, limits);
  if (!directory.ok) {
    return directory.reason === 'corrupt'
      ? { ok: false, problem: problem('corrupt-file', { format }) }
      : { ok: false, problem: problem('zip-bomb', { size: directory.size }) };
  }
  const exceeded = exceedsLimits(directory.entries, limits);
  if (exceeded) return { ok: false, problem: problem('zip-bomb', { size: exceeded.size }) };
  return { ok: true, entries: directory.entries };
}
