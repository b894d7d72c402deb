import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { errorCode, type Logger } from '../logger.js';
import { WecomCallbackError } from '../wecom/callback-error.js';
import { decryptForCorp, encryptForCorp } from '../wecom/crypto.js';
import { readSignedCallback } from '../wecom/signed-callback.js';
import { verifySignature } from '../wecom/verify.js';
import { BotMessageSchema, type BotMessage } from './bot-message.js';

export const WECOM_BOT_CALLBACK_PATH = '/wecom/bot/callback';
export const BOT_BODY_LIMIT = 256 * 1024;
/** Callbacks whose timestamp is further than this from now, either way, are refused before decrypting. */
export const BOT_TIMESTAMP_WINDOW_SECONDS = 300;
/** 智能机器人 callbacks are encrypted with ReceiveId "" (WeCom document 101033). */
const RECEIVE_ID = '';

const EnvelopeSchema = z.object({ encrypt: z.string().min(1).max(1_400_000) });

export interface BotCallbackOptions {
  token: string;
  encodingAesKey: string;
  logger: Logger;
  now?: () => number;
  /** The plaintext passive reply to a verified message (a stream frame, …), or undefined for an empty 200. */
  receive(message: BotMessage): Promise<object | undefined>;
}

/**
 * The JSON callback (API mode) of a 智能机器人: GET verifies the URL (decrypt echostr, answer it in plain text, well
 * within WeCom's 1 s); POST checks the timestamp window and the signature, decrypts {"encrypt"} with ReceiveId "",
 * validates the message and answers with an encrypted, signed passive reply ({encrypt, msgsignature, timestamp,
 * nonce}) or an empty 200. Anything that fails is a 4xx, logged once, never processed.
 */
export function createBotCallbackHandler(options: BotCallbackOptions): (req: IncomingMessage, res: ServerResponse, rawQuery: string) => Promise<void> {
  const now = options.now ?? Date.now;
  const log = options.logger.child({ channel: 'wecom-bot' });
  return async (req, res, rawQuery) => {
    try {
      const request = await readSignedCallback(req, res, rawQuery, {
        token: options.token,
        encodingAesKey: options.encodingAesKey,
        receiveId: RECEIVE_ID,
        now,
        bodyLimit: BOT_BODY_LIMIT,
        windowSeconds: BOT_TIMESTAMP_WINDOW_SECONDS,
      });
      if (!request) {
        if (req.method === 'GET') log.info('wecom-bot.url_verified');
        return;
      }
      const { signed, body } = request;
      const envelope = EnvelopeSchema.safeParse(parseJson(body.toString('utf8')));
      if (!envelope.success) throw new WecomCallbackError('wecom-malformed-body', 400);
      verifySignature(options.token, signed, envelope.data.encrypt);
      const message = BotMessageSchema.safeParse(parseJson(decryptForCorp(options.encodingAesKey, envelope.data.encrypt, RECEIVE_ID)));
      if (!message.success) throw new WecomCallbackError('wecom-malformed-body', 400);
      log.debug('wecom-bot.received', { msgType: message.data.msgtype });
      const reply = await options.receive(message.data);
      if (!reply) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('');
        return;
      }
      const timestamp = String(Math.floor(now() / 1000));
      const nonce = randomBytes(8).toString('hex');
      const { encrypted, signature } = encryptForCorp(options.encodingAesKey, options.token, JSON.stringify(reply), RECEIVE_ID, timestamp, nonce);
      res
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ encrypt: encrypted, msgsignature: signature, timestamp: Number(timestamp), nonce }));
    } catch (error) {
      const rejection = error instanceof WecomCallbackError ? error : undefined;
      log.warn('wecom-bot.rejected', { errorCode: rejection?.code ?? errorCode(error), method: req.method });
      if (!res.headersSent) res.writeHead(rejection?.status ?? 400, { connection: 'close' }).end();
    }
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
