import { timingSafeEqual } from 'node:crypto';
import { getSignature } from '@wecom/crypto';
import { WecomCallbackError } from './callback-error.js';

/**
 * The query of a WeCom callback, URL-decoded as the official algorithm requires. decodeURIComponent (unlike
 * URLSearchParams) keeps a literal '+', which base64 echostr values contain.
 */
export function parseCallbackQuery(rawQuery: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const pair of rawQuery.split('&')) {
    if (pair === '') continue;
    const at = pair.indexOf('=');
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? '' : pair.slice(at + 1);
    try {
      values.set(decodeURIComponent(name), decodeURIComponent(value));
    } catch (cause) {
      throw new WecomCallbackError('wecom-missing-parameters', 400, { cause });
    }
  }
  return values;
}

export interface SignedParameters {
  signature: string;
  timestamp: string;
  nonce: string;
}

/** msg_signature, timestamp and nonce from the query; a 400 when one is missing or absurd. */
export function signedParameters(query: Map<string, string>): SignedParameters {
  const signature = query.get('msg_signature') ?? '';
  const timestamp = query.get('timestamp') ?? '';
  const nonce = query.get('nonce') ?? '';
  if (!/^[0-9a-f]{40}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp) || nonce === '' || nonce.length > 64) {
    throw new WecomCallbackError('wecom-missing-parameters', 400);
  }
  return { signature: signature.toLowerCase(), timestamp, nonce };
}

/** sha1 over the sorted token/timestamp/nonce/ciphertext, compared in constant time; throws a 401 on mismatch. */
export function verifySignature(token: string, signed: SignedParameters, encrypted: string): void {
  const expected = Buffer.from(getSignature(token, signed.timestamp, signed.nonce, encrypted), 'utf8');
  const given = Buffer.from(signed.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new WecomCallbackError('wecom-bad-signature', 401);
  }
}
