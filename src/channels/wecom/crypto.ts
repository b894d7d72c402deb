import { decrypt, encrypt, getSignature } from '@wecom/crypto';
import { WecomCallbackError } from './callback-error.js';

/**
 * AES-256-CBC per WeCom's scheme (key = base64(EncodingAESKey + '='), IV = first 16 key bytes, plaintext =
 * random(16) | length(4, big-endian) | message | receive id). @wecom/crypto does the cipher; it does not throw on a
 * wrong key (it returns garbage with an empty id), so the receive id is always checked against the corp id here.
 */
export function decryptForCorp(encodingAesKey: string, encrypted: string, corpId: string): string {
  if (encrypted.length === 0 || encrypted.length > 1_400_000 || !/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) {
    throw new WecomCallbackError('wecom-decrypt-failed', 400);
  }
  let result: { message: string; id: string };
  try {
    result = decrypt(encodingAesKey, encrypted);
  } catch (cause) {
    throw new WecomCallbackError('wecom-decrypt-failed', 400, { cause });
  }
  if (result.id !== corpId) throw new WecomCallbackError('wecom-bad-receive-id', 403);
  return result.message;
}

/** Encrypt and sign a message the way WeCom does (used to build passive replies and, in tests, callbacks). */
export function encryptForCorp(
  encodingAesKey: string,
  token: string,
  message: string,
  corpId: string,
  timestamp: string,
  nonce: string,
): { encrypted: string; signature: string } {
  const encrypted = encrypt(encodingAesKey, message, corpId);
  return { encrypted, signature: getSignature(token, timestamp, nonce, encrypted) };
}
