import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCode, type Logger } from '../logger.js';
import { readBody, BodyTooLargeError } from '../read-body.js';
import type { WorkTracker } from '../work-tracker.js';
import { WecomCallbackError } from './callback-error.js';
import { decryptForCorp } from './crypto.js';
import { acceptWecom, needsAnswer, type WecomChannelDeps } from './on-message.js';
import { parseEnvelope, parseMessage } from './payload.js';
import { parseCallbackQuery, signedParameters, verifySignature } from './verify.js';

export const WECOM_BODY_LIMIT = 256 * 1024;
/** Callbacks whose timestamp is further than this from now, either way, are refused (403) before decrypting. */
export const WECOM_TIMESTAMP_WINDOW_SECONDS = 300;

/**
 * GET: URL verification (decrypt echostr, return it in plain text). POST: verify, decrypt, parse, answer an empty
 * 200 at once (WeCom waits 5 s, then retries), then work in the background and reply through message/send.
 * Anything that fails verification or parsing gets a 4xx, is logged once and is never processed.
 */
export function createWecomCallbackHandler(
  deps: WecomChannelDeps & { tracker: WorkTracker; now?: () => number },
): (req: IncomingMessage, res: ServerResponse, rawQuery: string) => Promise<void> {
  const { wecom } = deps;
  const now = deps.now ?? Date.now;
  const log: Logger = deps.logger.child({ channel: 'wecom' });
  return async (req, res, rawQuery) => {
    try {
      const query = parseCallbackQuery(rawQuery);
      const signed = signedParameters(query);
      if (req.method === 'GET') {
        const echo = query.get('echostr') ?? '';
        if (echo === '') throw new WecomCallbackError('wecom-missing-parameters', 400);
        verifySignature(wecom.token, signed, echo);
        const plain = decryptForCorp(wecom.encodingAesKey, echo, wecom.corpId);
        log.info('wecom.url_verified');
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(plain);
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(405, { allow: 'GET, POST' }).end();
        return;
      }
      // A replayed or forged-in-advance callback is refused before any decrypting (the same 5-minute window as Slack).
      const skew = Math.abs(Math.floor(now() / 1000) - Number(signed.timestamp));
      if (!(skew <= WECOM_TIMESTAMP_WINDOW_SECONDS)) {
        req.resume();
        throw new WecomCallbackError('wecom-stale-timestamp', 403);
      }
      const body = await readBody(req, WECOM_BODY_LIMIT).catch((error: unknown) => {
        if (error instanceof BodyTooLargeError) throw new WecomCallbackError('wecom-body-too-large', 413, { cause: error });
        throw new WecomCallbackError('wecom-malformed-body', 400, { cause: error });
      });
      const encrypted = parseEnvelope(body.toString('utf8'));
      verifySignature(wecom.token, signed, encrypted);
      const message = parseMessage(decryptForCorp(wecom.encodingAesKey, encrypted, wecom.corpId));
      log.debug('wecom.received', { msgType: message.MsgType });
      // Recorded before the 200, so a crash after it loses nothing (the ledger's lease hands the work on).
      if (needsAnswer(message)) await acceptWecom(deps, message);
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('');
    } catch (error) {
      const rejection = error instanceof WecomCallbackError ? error : undefined;
      log.warn('wecom.rejected', { errorCode: rejection?.code ?? errorCode(error), method: req.method });
      if (!res.headersSent) res.writeHead(rejection?.status ?? 400, { connection: 'close' }).end();
    }
  };
}
