import type { IncomingMessage, ServerResponse } from 'node:http';
import { BodyTooLargeError, readBody } from '../read-body.js';
import { WecomCallbackError } from './callback-error.js';
import { decryptForCorp } from './crypto.js';
import { parseCallbackQuery, signedParameters, verifySignature, type SignedParameters } from './verify.js';

export interface SignedCallbackOptions {
  token: string;
  encodingAesKey: string;
  /** The corp id for a self-built app; "" for a 智能机器人. */
  receiveId: string;
  now: () => number;
  bodyLimit: number;
  /** Callbacks whose timestamp is further than this from now, either way, are refused before decrypting. */
  windowSeconds: number;
}

/**
 * What every WeCom callback URL does the same way (self-built app and 智能机器人): GET verifies the URL (signature
 * over echostr, decrypted with the receive id, answered in plain text at once); other methods but POST get a 405;
 * a POST is refused when its timestamp is outside the window, before anything is read or decrypted; its body is read
 * under the limit. Returns the POST's signed parameters and body, or undefined when the request was answered here.
 * Throws WecomCallbackError for anything refused.
 */
export async function readSignedCallback(
  req: IncomingMessage,
  res: ServerResponse,
  rawQuery: string,
  options: SignedCallbackOptions,
): Promise<{ signed: SignedParameters; body: Buffer } | undefined> {
  const query = parseCallbackQuery(rawQuery);
  const signed = signedParameters(query);
  if (req.method === 'GET') {
    const echo = query.get('echostr') ?? '';
    if (echo === '') throw new WecomCallbackError('wecom-missing-parameters', 400);
    verifySignature(options.token, signed, echo);
    const plain = decryptForCorp(options.encodingAesKey, echo, options.receiveId);
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(plain);
    return undefined;
  }
  if (req.method !== 'POST') {
    res.writeHead(405, { allow: 'GET, POST' }).end();
    return undefined;
  }
  // A replayed or forged-in-advance callback is refused before any decrypting (the same 5-minute window as Slack).
  const skew = Math.abs(Math.floor(options.now() / 1000) - Number(signed.timestamp));
  if (!(skew <= options.windowSeconds)) {
    req.resume();
    throw new WecomCallbackError('wecom-stale-timestamp', 403);
  }
  const body = await readBody(req, options.bodyLimit).catch((error: unknown) => {
    if (error instanceof BodyTooLargeError) throw new WecomCallbackError('wecom-body-too-large', 413, { cause: error });
    throw new WecomCallbackError('wecom-malformed-body', 400, { cause: error });
  });
  return { signed, body };
}
