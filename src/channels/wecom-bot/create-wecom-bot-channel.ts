import type { WsFrame } from '@wecom/aibot-node-sdk';
import type { Config } from '../../config/env.js';
import { createFeedbackStore } from '../../store/chat-feedback.js';
import { createChatStreams, type StreamRow } from '../../store/chat-streams.js';
import type { Database } from '../../store/database.js';
import type { Claim, Orphan } from '../dedupe.js';
import type { DeliveryDeps } from '../handle-delivery.js';
import { errorCode } from '../logger.js';
import type { ScopeMap } from '../scopes.js';
import { USER_MESSAGES } from '../user-messages.js';
import type { WorkTracker } from '../work-tracker.js';
import { botChatId, botDeliveryKey, BotMessageSchema, botUser, parseBotPayload, type BotMessage, type BotPayload } from './bot-message.js';
import type { BotOutput } from './bot-output.js';
import { BOT_TEXTS } from './bot-texts.js';
import { commandOf, firstFrameText, runBotTurn, streamIdOf, type BotTurnDeps } from './bot-turn.js';
import { createBotCallbackHandler } from './callback-handler.js';
import { createCallbackStream } from './callback-stream.js';
import { callbackFileKey } from './download-bot-file.js';
import { LongConnection } from './long-connection.js';
import { responseUrlOutput } from './response-url.js';
import { UserSlots } from './user-slots.js';

export interface WecomBotChannelDeps extends DeliveryDeps {
  db: Pick<Database, 'query'>;
  scopeMap: ScopeMap;
  tracker: WorkTracker;
  now?: () => number;
  /** One Chinese line for the operator: the long connection is up, or its secret is wrong. */
  onNotice?: (text: string) => void;
}

export interface WecomBotChannel {
  modes: { longConnection: boolean; callback: boolean };
  /** GET/POST /wecom/bot/callback, when the callback mode is configured. */
  callbackHandler: ReturnType<typeof createBotCallbackHandler> | undefined;
  /** A delivery whose owner died: run it again from its payload, answering with an active message. */
  recover(orphan: Orphan): boolean;
  stop(): Promise<void>;
  /** The long connection (tests, stats). */
  connection: LongConnection | undefined;
}

/**
 * WeCom's 智能机器人 in both modes: the long connection (default; no public URL) and the encrypted JSON callback.
 * A message is claimed in the deliveries ledger (msgid: WeCom resends), answered with a stream at once, and run in
 * the background like every other channel's turn; feedback events rate the stored answer.
 */
export function createWecomBotChannel(settings: NonNullable<Config['wecomBot']>, deps: WecomBotChannelDeps): WecomBotChannel {
  const log = deps.logger.child({ channel: 'wecom-bot' });
  const feedback = createFeedbackStore(deps.db);
  const slots = new UserSlots(3);
  const streams = createChatStreams(deps.db);
  const turnDeps: BotTurnDeps = {
    ...deps,
    feedback,
    fileKey: (message) => message.file.aeskey ?? (settings.callback ? callbackFileKey(settings.callback.encodingAesKey) : undefined),
  };
  let connection: LongConnection | undefined;
  const filesVia = (chatId: string): BotOutput['sendFile'] => (connection ? (name, bytes) => connection!.sendFile(chatId, name, bytes) : undefined);

  /**
   * Queue a claimed delivery (its lease is renewed from now on). A user's fourth turn waits for one of their three
   * slots before it is queued, so it holds no place other users' turns could use.
   */
  const schedule = (payload: BotPayload, out: BotOutput, claim: Claim) => {
    const key = botDeliveryKey(payload.message);
    deps.leases?.hold(key);
    void slots.acquire(botUser(payload.message)).then((release) =>
      deps.tracker.run(() =>
        runBotTurn(turnDeps, payload, out, claim)
          .catch((error: unknown) => log.error('wecom-bot.work_failed', { delivery: key, errorCode: errorCode(error) }))
          .finally(() => {
            release();
            deps.leases?.release(key);
          }),
      ),
    );
  };

  /** Claim before acknowledging: 'duplicate' for a resent msgid, 'failed' when the store cannot record it. */
  const claim = async (payload: BotPayload): Promise<Claim | 'duplicate' | 'failed'> => {
    const key = botDeliveryKey(payload.message);
    try {
      const won = await deps.ledger.claim(key, 'wecom-bot', payload);
      if (won) return won;
      log.info('delivery.duplicate', { delivery: key });
      return 'duplicate';
    } catch (error) {
      log.error('delivery.claim_failed', { delivery: key, errorCode: errorCode(error) });
      return 'failed';
    }
  };

  /** 👍/👎 on an answer: stored with the turn it rates (type 1 accurate, 2 inaccurate, 3 taken back). */
  const rate = async (message: Extract<BotMessage, { msgtype: 'event' }>) => {
    const event = message.event.feedback_event;
    if (!event) return;
    const rating = event.type === 1 ? 'up' : event.type === 2 ? 'down' : null;
    const known = await feedback
      .rate(event.id, rating, { reasons: event.inaccurate_reason_list ?? [], ...(event.content ? { comment: event.content } : {}) })
      .catch((error: unknown) => {
        log.warn('wecom-bot.feedback_failed', { errorCode: errorCode(error) });
        return false;
      });
    log.info('wecom-bot.feedback', { rating: rating ?? 'cleared', known });
  };

  if (settings.longConnection) {
    const lc = settings.longConnection;
    const onFrame = async (frame: WsFrame) => {
      const parsed = BotMessageSchema.safeParse(frame.body);
      if (!parsed.success) {
        log.warn('wecom-bot.rejected', { errorCode: 'bad-frame' });
        return;
      }
      const message = parsed.data;
      if (message.msgtype === 'event' && message.event.eventtype === 'enter_chat') {
        await connection!.client.replyWelcome(frame, { msgtype: 'text', text: { content: BOT_TEXTS.welcome } });
        return;
      }
      if (message.msgtype === 'event' && message.event.eventtype === 'feedback_event') return rate(message);
      if (!commandOf(message)) return;
      const payload: BotPayload = { kind: 'wecom-bot-message', via: 'long-connection', message };
      const chatId = botChatId(message);
      const claimed = await claim(payload);
      if (claimed === 'duplicate') return;
      if (message.msgtype === 'event') {
        if (claimed !== 'failed') schedule(payload, connection!.pushOutput(chatId), claimed);
        return;
      }
      const out = connection!.streamOutput(frame, chatId, streamIdOf(botDeliveryKey(message)));
      if (claimed === 'failed') {
        await out.finish(USER_MESSAGES.failed, undefined);
        return;
      }
      await out.start(firstFrameText(message));
      schedule(payload, out, claimed);
    };
    connection = new LongConnection({
      botId: lc.botId,
      secret: lc.secret,
      wsUrl: lc.wsUrl,
      logger: deps.logger,
      ...(deps.onNotice ? { onNotice: deps.onNotice } : {}),
      onFrame: (frame) => void onFrame(frame).catch((error: unknown) => log.error('wecom-bot.frame_failed', { errorCode: errorCode(error) })),
    });
    connection.start();
  }

  const streamFrame = (id: string, state: StreamRow) =>
    state.finished && state.card
      ? { msgtype: 'stream_with_template_card', stream: { id, finish: true, content: state.content }, template_card: state.card }
      : { msgtype: 'stream', stream: { id, finish: state.finished, content: state.content } };

  const receive = async (message: BotMessage): Promise<object | undefined> => {
    if (message.msgtype === 'stream') {
      const state = await streams.get(message.stream.id);
      return streamFrame(message.stream.id, state ?? { content: BOT_TEXTS.answeredLater, finished: true, card: null });
    }
    if (message.msgtype === 'event' && message.event.eventtype === 'enter_chat') return { msgtype: 'text', text: { content: BOT_TEXTS.welcome } };
    if (message.msgtype === 'event' && message.event.eventtype === 'feedback_event') {
      await rate(message);
      return undefined;
    }
    if (!commandOf(message)) return undefined;
    const payload: BotPayload = { kind: 'wecom-bot-message', via: 'callback', message };
    const key = botDeliveryKey(message);
    const id = streamIdOf(key);
    const claimed = await claim(payload);
    if (claimed === 'duplicate') {
      const state = await streams.get(id);
      return state ? streamFrame(id, state) : undefined;
    }
    if (claimed === 'failed') return streamFrame(id, { content: USER_MESSAGES.failed, finished: true, card: null });
    const chatId = botChatId(message);
    if (message.msgtype === 'event') {
      const out = laterOutput(message);
      if (out) schedule(payload, out, claimed);
      else await deps.ledger.fail(key, 'no-response-url').catch(() => undefined);
      return undefined;
    }
    const first = firstFrameText(message);
    try {
      await streams.open(id, key, first);
    } catch (error) {
      log.error('wecom-bot.stream_open_failed', { delivery: key, errorCode: errorCode(error) });
      await deps.ledger.fail(key, errorCode(error)).catch(() => undefined);
      return streamFrame(id, { content: USER_MESSAGES.failed, finished: true, card: null });
    }
    schedule(payload, createCallbackStream(streams, id, filesVia(chatId)), claimed);
    return { msgtype: 'stream', stream: { id, finish: false, content: first, feedback: { id } } };
  };

  /** An answer after the stream is gone: the message's response_url, else an active message on the long connection. */
  const laterOutput = (message: BotMessage): BotOutput | undefined => {
    const chatId = botChatId(message);
    if (message.response_url) return responseUrlOutput(message.response_url, filesVia(chatId));
    return connection?.pushOutput(chatId);
  };

  const pruneTimer = setInterval(() => void streams.prune().catch(() => undefined), 10 * 60_000).unref();

  return {
    modes: { longConnection: connection !== undefined, callback: settings.callback !== undefined },
    callbackHandler: settings.callback
      ? createBotCallbackHandler({
          token: settings.callback.token,
          encodingAesKey: settings.callback.encodingAesKey,
          logger: deps.logger,
          ...(deps.now ? { now: deps.now } : {}),
          receive,
        })
      : undefined,
    recover(orphan) {
      const payload = parseBotPayload(orphan.payload);
      if (!payload) return false;
      const out = payload.via === 'long-connection' ? connection?.pushOutput(botChatId(payload.message)) : laterOutput(payload.message);
      if (!out) return false;
      if (payload.via === 'callback' && payload.message.msgtype !== 'event') {
        // The stream WeCom may still be refreshing is closed; the answer goes through response_url instead.
        void streams
          .finish(streamIdOf(botDeliveryKey(payload.message)), BOT_TEXTS.answeredLater, undefined)
          .catch((error: unknown) => log.warn('wecom-bot.stream_close_failed', { errorCode: errorCode(error) }));
      }
      schedule(payload, out, orphan);
      return true;
    },
    async stop() {
      clearInterval(pruneTimer);
      connection?.stop();
    },
    connection,
  };
}
