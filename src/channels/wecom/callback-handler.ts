import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCode, type Logger } from '../logger.js';
import type { WorkTracker } from '../work-tracker.js';
import { WecomCallbackError } from './callback-error.js';
import { decryptForCorp } from './crypto.js';
import { acceptWecom, needsAnswer, type WecomChannelDeps } from './on-message.js';
import { parseEnvelope, parseMessage } from './payload.js';
import { readSignedCallback } from './signed-callback.js';
import { verifySignature } from './verify.js';

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
      const request = await readSignedCallback(req, res, rawQuery, {
        token: wecom.token,
        encodingAesKey: wecom.encodingAesKey,
        receiveId: wecom.corpId,
        now,
        bodyLimit: WECOM_BODY_LIMIT,
        windowSeconds: WECOM_TIMESTAMP_WINDOW_SECONDS,
      });
      if (!request) {
        if (req.method === 'GET') log.info('wecom.url_verified');
        return;
      }
      const { signed, body } = request;
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
