import { WSClient, type Logger as SdkLogger, type TemplateCard, type WsFrame } from '@wecom/aibot-node-sdk';
import type { Logger } from '../logger.js';
import { latestWins, type BotOutput } from './bot-output.js';
import { BOT_TEXTS } from './bot-texts.js';

export interface LongConnectionOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  logger: Logger;
  /** One Chinese line for the operator (serve prints it): connected, or the secret is wrong. */
  onNotice?: (text: string) => void;
  /** Every message and event frame the SDK delivers. */
  onFrame(frame: WsFrame): void;
  heartbeatMs?: number;
  reconnectMs?: number;
}

/**
 * The long connection through WeCom's own SDK (@wecom/aibot-node-sdk's WSClient: aibot_subscribe with bot id and
 * secret, ping heartbeats, reconnect with backoff, replies queued per req_id until acknowledged, chunked media
 * upload). A wrong secret is said once in Chinese and the connection stops; the rest of the server stays up.
 */
export class LongConnection {
  readonly client: WSClient;
  private authenticatedOnce = false;
  private gaveUp = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: LongConnectionOptions) {
    const log = options.logger.child({ channel: 'wecom-bot' });
    this.client = new WSClient({
      botId: options.botId,
      secret: options.secret,
      wsUrl: options.wsUrl,
      maxReconnectAttempts: -1, // a bureau's network drops; keep trying with the SDK's backoff (capped at 30 s)
      maxAuthFailureAttempts: 1,
      heartbeatInterval: options.heartbeatMs ?? 30_000,
      reconnectInterval: options.reconnectMs ?? 1000,
      logger: sdkLogger(log),
    });
    this.client.on('message', (frame) => options.onFrame(frame));
    this.client.on('event', (frame) => options.onFrame(frame));
    this.client.on('authenticated', () => {
      log.info('wecom-bot.authenticated', { botId: options.botId });
      if (!this.authenticatedOnce) options.onNotice?.(BOT_TEXTS.connected(options.botId));
      this.authenticatedOnce = true;
      for (const resolve of this.waiters.splice(0)) resolve();
    });
    this.client.on('disconnected', (reason) => log.warn('wecom-bot.disconnected', { reason: String(reason).slice(0, 120) }));
    this.client.on('error', (error) => {
      const auth = /Authentication failed|WS_AUTH_FAILURE/i.test(`${error.message} ${(error as { code?: string }).code ?? ''}`);
      log.warn('wecom-bot.connection_error', { errorCode: auth ? 'auth-failed' : 'connection-error' });
      if (auth && !this.authenticatedOnce && !this.gaveUp) {
        this.gaveUp = true;
        options.onNotice?.(BOT_TEXTS.authFailed);
        this.client.disconnect();
        for (const resolve of this.waiters.splice(0)) resolve();
      }
    });
  }

  start(): void {
    this.client.connect();
  }

  stop(): void {
    const running = !this.gaveUp; // after a refused secret the SDK was disconnected already
    this.gaveUp = true;
    if (running) this.client.disconnect();
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Resolves when authenticated (at once if it is), or after `timeoutMs`; false when not connected by then. */
  async whenConnected(timeoutMs = 30_000): Promise<boolean> {
    if (this.client.isConnected && this.authenticatedOnce) return true;
    if (this.gaveUp) return false;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    return this.client.isConnected;
  }

  /** Upload through the SDK (init → chunks → finish) and send the file to the chat. */
  async sendFile(chatId: string, name: string, bytes: Uint8Array): Promise<void> {
    if (!(await this.whenConnected())) throw new Error('long connection down');
    const uploaded = await this.client.uploadMedia(Buffer.from(bytes), { type: 'file', filename: name });
    await this.client.sendMediaMessage(chatId, 'file', uploaded.media_id);
  }

  /** An active message (aibot_send_msg): for recovered turns, card buttons, and a stream whose connection dropped. */
  async push(chatId: string, markdown: string, card: TemplateCard | undefined): Promise<void> {
    if (!(await this.whenConnected())) throw new Error('long connection down');
    await this.client.sendMessage(chatId, { msgtype: 'markdown', markdown: { content: markdown } });
    if (card) await this.client.sendMessage(chatId, { msgtype: 'template_card', template_card: card });
  }

  /**
   * The stream answering one message frame. Frames go one at a time (the SDK waits for each acknowledgement); a
   * frame written while one is in flight replaces any still waiting, so the newest text always goes out and the
   * final frame comes last. After a reconnect the frame's req_id is gone: the answer is pushed instead.
   */
  streamOutput(frame: WsFrame, chatId: string, streamId: string): BotOutput & { start(text: string): Promise<void> } {
    let opened = false;
    let broken = false;
    const feedback = { id: streamId };
    const frameOf = async (text: string) => {
      try {
        await this.client.replyStream(frame, streamId, text, false, undefined, opened ? undefined : feedback);
        opened = true;
      } catch {
        broken = true;
      }
    };
    const partials = latestWins(async (text) => {
      if (!broken) await frameOf(text);
    });
    return {
      feedbackId: streamId,
      start: frameOf,
      progress: async (text) => {
        if (!broken) partials.push(text);
      },
      finish: async (markdown, card) => {
        partials.drop();
        await partials.settle();
        if (!broken) {
          try {
            if (card) await this.client.replyStreamWithCard(frame, streamId, markdown, true, { templateCard: card, ...(opened ? {} : { streamFeedback: feedback }) });
            else await this.client.replyStream(frame, streamId, markdown, true, undefined, opened ? undefined : feedback);
            return;
          } catch {
            broken = true;
          }
        }
        await this.push(chatId, markdown, card);
      },
      sendFile: (name, bytes) => this.sendFile(chatId, name, bytes),
    };
  }

  /** An answer without a stream (recovered turn, card button): one active message. */
  pushOutput(chatId: string): BotOutput {
    return {
      progress: async () => undefined,
      finish: (markdown, card) => this.push(chatId, markdown, card),
      sendFile: (name, bytes) => this.sendFile(chatId, name, bytes),
    };
  }
}

/** The SDK's log lines into the server's JSON log, without message bodies (the SDK logs them at debug). */
function sdkLogger(log: Logger): SdkLogger {
  const line = (message: string) => message.replace(/body=.*$/s, '').slice(0, 160);
  return {
    debug: () => undefined,
    info: (message) => log.debug('wecom-bot.sdk', { message: line(message) }),
    warn: (message) => log.debug('wecom-bot.sdk_warn', { message: line(message) }),
    error: (message) => log.debug('wecom-bot.sdk_error', { message: line(message) }),
  };
}
