import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TurnHandler } from '../assistant/turn.js';
import type { Config } from '../config/env.js';
import type { Database } from '../store/database.js';
import { createDeliveryLedger, LeaseKeeper } from './dedupe.js';
import { createFileScreen } from './screen-file.js';
import { parseWecomPayload, scheduleWecom } from './wecom/on-message.js';
import type { KnowledgeIngester } from './knowledge-ingester.js';
import { errorCode, type Logger } from './logger.js';
import { createPendingActions } from './pending-actions.js';
import { loadScopeMap, type ScopeMap } from './scopes.js';
import { createSlackChannel, SLACK_BODY_LIMIT, SLACK_EVENTS_PATH, type SlackChannel } from './slack/create-slack-channel.js';
import { createWecomCallbackHandler } from './wecom/callback-handler.js';
import { WecomClient } from './wecom/client.js';
import { WorkTracker } from './work-tracker.js';
import { createWecomBotChannel, type WecomBotChannel } from './wecom-bot/create-wecom-bot-channel.js';
import { WECOM_BOT_CALLBACK_PATH } from './wecom-bot/callback-handler.js';

export const WECOM_CALLBACK_PATH = '/wecom/callback';
export const HEALTH_PATH = '/healthz';
/** Slack's own replay window (it refuses older requests); we also refuse requests this far in the future. */
export const SLACK_TIMESTAMP_WINDOW_SECONDS = 300;
/** A new connection counts as a request on its way for this long, or until its first request is read. */
const ARRIVING_MS = 1000;

export interface ChannelServerOptions {
  config: Config;
  db: Database;
  assistant: TurnHandler;
  ingester?: KnowledgeIngester;
  logger: Logger;
  /** Default: loaded from config.scopesFile. */
  scopeMap?: ScopeMap;
  /** Delivery lease (seconds, default 15): a crashed instance's turns are taken over this long after its last heartbeat. */
  leaseSeconds?: number;
  /** How often to look for deliveries whose owner stopped heartbeating (default: a third of the lease). */
  sweepMs?: number;
  now?: () => number;
  /** Default: parse in a worker thread (512 MB, 20 s) and refuse what had to be stopped. */
  screenFile?: (name: string, bytes: Uint8Array) => Promise<string | undefined>;
  /** One Chinese line for the operator from a channel (the 智能机器人's long connection is up, or its secret is wrong). */
  onNotice?: (text: string) => void;
}

export interface ChannelServer {
  server: Server;
  tracker: WorkTracker;
  channels: { slack: boolean; wecom: boolean; wecomBot: { longConnection: boolean; callback: boolean } | false };
  /** The 智能机器人 channel, when configured. */
  wecomBot: WecomBotChannel | undefined;
  listen(port: number, host?: string): Promise<number>;
  /** Graceful shutdown: stop accepting, answer nothing new, finish in-flight work (up to `timeoutMs`). */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * One HTTP server for every chat channel: POST /slack/events (Bolt's verified receiver), GET/POST /wecom/callback
 * and GET /healthz. A channel is on only when its configuration is complete.
 */
export async function createChannelServer(options: ChannelServerOptions): Promise<ChannelServer> {
  const { config, db, logger } = options;
  const scopeMap = options.scopeMap ?? loadScopeMap(config.scopesFile);
  // Turns mostly wait (model, downloads): eight at once, so a few slow ones do not hold everyone else's back.
  const tracker = new WorkTracker({ concurrency: 8 });
  // Requests on their way to an ack: counted from the moment the connection is accepted (a burst's connections are
  // all accepted in one go, long before their requests are parsed) until the response is written.
  let unanswered = 0;
  const arriving = new Map<Socket, number>(); // accepted, first request not yet read → when accepted
  const pendingAcks = () => {
    if (arriving.size > 0) {
      const stale = Date.now() - ARRIVING_MS;
      for (const [socket, at] of arriving) if (at < stale) arriving.delete(socket); // a connection that sends nothing
    }
    return unanswered + arriving.size;
  };
  const ledger = createDeliveryLedger(db, { leaseSeconds: options.leaseSeconds ?? 15, arriving: pendingAcks });
  const leases = new LeaseKeeper(ledger, (error) => logger.warn('deliveries.heartbeat_failed', { errorCode: errorCode(error) }));
  leases.start();
  const now = options.now ?? Date.now;
  const deps = {
    assistant: options.assistant,
    pause: () => tracker.pause(),
    ledger,
    leases,
    pending: createPendingActions(db),
    screenFile: options.screenFile ?? createFileScreen(),
    scopes: scopeMap,
    scopeMap,
    ingester: options.ingester,
    logger,
    tracker,
  };
  let slack: SlackChannel | undefined;
  if (config.slack) {
    slack = createSlackChannel(config.slack, deps);
    await slack.start();
  }
  const wecom = config.wecom
    ? { wecom: config.wecom, client: new WecomClient(config.wecom) }
    : undefined;
  const wecomDeps = wecom ? { ...deps, ...wecom, now } : undefined;
  const wecomHandler = wecomDeps ? createWecomCallbackHandler(wecomDeps) : undefined;
  const wecomBot = config.wecomBot
    ? createWecomBotChannel(config.wecomBot, { ...deps, db, now, ...(options.onNotice ? { onNotice: options.onNotice } : {}) })
    : undefined;

  // Recovery: at start-up and every sweep, take over the deliveries whose owner stopped heartbeating (a crashed
  // instance, this one before a restart) and run them from their stored payload.
  const channels = [...(slack ? (['slack'] as const) : []), ...(wecomDeps ? (['wecom'] as const) : []), ...(wecomBot ? (['wecom-bot'] as const) : [])];
  let sweeping: Promise<void> | undefined;
  // Embedded PGlite has one user at a time (its data directory is locked to this process): at start-up an open
  // delivery owned outside this process belongs to a process that is gone, so this instance takes those unfinished
  // turns at once instead of waiting for their leases to run out (another server of this process keeps its own).
  let startUp = db.kind === 'pglite';
  const sweep = (): Promise<void> => {
    if (sweeping || closing) return sweeping ?? Promise.resolve();
    sweeping = recover().finally(() => (sweeping = undefined));
    return sweeping;
  };
  const recover = async () => {
    try {
      const orphans = await ledger.takeOrphans(channels, 20, { anyOwner: startUp });
      startUp = false;
      for (const orphan of orphans) {
        logger.info('delivery.recovered', { channel: orphan.channel, delivery: orphan.key, attempts: orphan.attempts, sent: orphan.sent });
        let started = false;
        if (orphan.channel === 'slack') started = slack?.recover(orphan) ?? false;
        else if (orphan.channel === 'wecom-bot') started = wecomBot?.recover(orphan) ?? false;
        else if (wecomDeps) {
          const message = parseWecomPayload(orphan.payload);
          if (message) {
            started = true;
            scheduleWecom(wecomDeps, message, orphan);
          }
        }
        if (!started) await ledger.fail(orphan.key, 'payload-unreadable');
      }
    } catch (error) {
      logger.warn('deliveries.sweep_failed', { errorCode: errorCode(error) });
    }
  };
  const sweepTimer = setInterval(() => void sweep(), options.sweepMs ?? Math.max(500, (ledger.leaseSeconds * 1000) / 3)).unref();

  let closing = false;
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    if (closing) {
      res.writeHead(503, { connection: 'close', 'retry-after': '5' }).end();
      return;
    }
    if (path === HEALTH_PATH && req.method === 'GET') {
      const body = { status: 'ok', slack: config.slack !== undefined, wecom: wecom !== undefined, wecomBot: wecomBot !== undefined, inFlight: tracker.size };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    } else if (path === SLACK_EVENTS_PATH && slack?.requestListener) {
      if (Number(req.headers['content-length'] ?? '0') > SLACK_BODY_LIMIT) {
        // Refuse before reading, and close the connection so no client reuses a socket with an unread body on it.
        logger.warn('slack.rejected', { channel: 'slack', errorCode: 'body-too-large' });
        req.resume();
        res.writeHead(413, { connection: 'close' }).end();
        return;
      }
      // Bolt refuses timestamps more than 5 minutes old but not ones in the future: a request signed "a year ahead"
      // would stay replayable for a year. The timestamp is part of the signed string, so checking it here is enough.
      const stamp = Number(req.headers['x-slack-request-timestamp']);
      if (Number.isFinite(stamp) && stamp - Math.floor(now() / 1000) > SLACK_TIMESTAMP_WINDOW_SECONDS) {
        logger.warn('slack.rejected', { channel: 'slack', errorCode: 'future-timestamp' });
        req.resume();
        res.writeHead(401, { connection: 'close' }).end();
        return;
      }
      slack.requestListener(req, res);
    } else if (path === WECOM_CALLBACK_PATH && wecomHandler) {
      await wecomHandler(req, res, queryAt < 0 ? '' : url.slice(queryAt + 1));
    } else if (path === WECOM_BOT_CALLBACK_PATH && wecomBot?.callbackHandler) {
      await wecomBot.callbackHandler(req, res, queryAt < 0 ? '' : url.slice(queryAt + 1));
    } else {
      req.resume();
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    }
  };
  // While requests are on their way to an ack, turns wait (acks first; see WorkTracker.yieldTo).
  tracker.yieldTo(() => pendingAcks() > 0);
  const server = createServer((req, res) => {
    unanswered += 1;
    arriving.delete(req.socket);
    let counted = true;
    const answered = () => {
      if (!counted) return;
      counted = false;
      unanswered -= 1;
      if (unanswered === 0 && arriving.size === 0) tracker.nudge();
    };
    res.once('finish', answered);
    res.once('close', answered);
    handle(req, res).catch((error: unknown) => {
      logger.error('server.request_failed', { errorCode: errorCode(error) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.on('clientError', (_error, socket) => socket.destroy());
  server.on('connection', (socket: Socket) => {
    arriving.set(socket, Date.now());
    socket.once('close', () => {
      if (arriving.delete(socket) && unanswered === 0 && arriving.size === 0) tracker.nudge();
    });
  });

  const prune = () =>
    ledger
      .prune()
      .then((count) => count > 0 && logger.info('deliveries.pruned', { count }))
      .catch((error: unknown) => logger.warn('deliveries.prune_failed', { errorCode: errorCode(error) }));
  void prune();
  void sweep();
  const pruneTimer = setInterval(prune, 6 * 3600_000).unref();

  return {
    server,
    tracker,
    channels: { slack: slack !== undefined, wecom: wecom !== undefined, wecomBot: wecomBot?.modes ?? false },
    wecomBot,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          logger.info('server.listening', { port: address.port, slack: slack !== undefined, wecom: wecom !== undefined });
          resolve(address.port);
        });
      }),
    close: async (timeoutMs = 30_000) => {
      if (closing) return;
      closing = true;
      clearInterval(pruneTimer);
      clearInterval(sweepTimer);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A sweep under way (the start-up one of a short-lived server) may take deliveries over: they are scheduled
      // before the drain, so they are run or left to their lease — never run by a server that has stopped.
      const deadline = Date.now() + timeoutMs;
      if (sweeping) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([sweeping, new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
        clearTimeout(timer);
      }
      const left = await tracker.drain(Math.max(0, deadline - Date.now()));
      if (left > 0) logger.warn('server.shutdown_abandoned', { inFlight: left }); // their leases run out: another instance or the next start takes them
      leases.stop();
      await slack?.stop().catch(() => undefined);
      await wecomBot?.stop().catch(() => undefined);
      server.closeAllConnections();
      await closed;
      logger.info('server.closed');
    },
  };
}
