import { decryptFile } from '@wecom/aibot-node-sdk';
import { ChannelFileError } from '../handle-delivery.js';
import { DownloadTooLargeError, readCapped } from '../read-capped.js';
import { USER_MESSAGES } from '../user-messages.js';

/** The same cap as the other channels' files (the SDK's own downloadFile reads any size into memory). */
export const MAX_BOT_FILE_BYTES = 20 * 1024 * 1024;
/** AES-CBC adds at most one 32-byte padding block (WeCom pads to 32). */
const PADDING = 32;

/**
 * Download a 智能机器人 file (its URL is valid five minutes) streamed under the byte cap, and decrypt it with the
 * SDK's decryptFile: the long connection gives each file its own aeskey; the callback mode encrypts with the
 * EncodingAESKey (base64 of the key plus '='). The name comes from Content-Disposition, as in the SDK.
 */
export async function downloadBotFile(url: string, aesKey: string): Promise<{ name: string; bytes: Uint8Array }> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (cause) {
    throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable, { cause });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable);
  }
  let encrypted: Uint8Array;
  try {
    encrypted = await readCapped(response, MAX_BOT_FILE_BYTES + PADDING);
  } catch (error) {
    if (error instanceof DownloadTooLargeError) throw new ChannelFileError('file-too-large', USER_MESSAGES.fileTooLarge, { cause: error });
    throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable, { cause: error });
  }
  let bytes: Buffer;
  try {
    bytes = decryptFile(Buffer.from(encrypted), aesKey);
  } catch (cause) {
    throw new ChannelFileError('file-unavailable', USER_MESSAGES.fileUnavailable, { cause });
  }
  return { name: fileNameOf(response.headers.get('content-disposition')) ?? 'file', bytes: new Uint8Array(bytes) };
}

/** filename*=UTF-8''… (RFC 5987) first, then filename="…". */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const encoded = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const raw = encoded ?? plain;
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw).replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || undefined;
  } catch {
    return raw.slice(0, 200);
  }
}

/** The callback mode's file key: the EncodingAESKey as base64 of 32 bytes. */
export function callbackFileKey(encodingAesKey: string): string {
  return `${encodingAesKey}=`;
}
