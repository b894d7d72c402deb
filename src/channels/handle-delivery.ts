import { z } from 'zod';
import type { Attachment, Reply, TurnHandler } from '../assistant/turn.js';
import { FILE_ONLY_TEXT, type ChatCommand } from './chat-command.js';
import type { Claim, DeliveryLedger, LeaseKeeper } from './dedupe.js';
import type { KnowledgeIngester } from './knowledge-ingester.js';
import { errorCode, type Logger } from './logger.js';
import type { PendingActions } from './pending-actions.js';
import type { ScopeMap } from './scopes.js';
import { USER_MESSAGES } from './user-messages.js';
import { channelHelp } from '../assistant/channel-help.js';

/** A file attached to a chat message; bytes are fetched only when the delivery was claimed. */
export interface IncomingFile {
  name: string; // best name known before fetching
  /** The ledger key of this file's own claim, when it has one (Slack files): finished with the delivery. */
  claimKey?: string;
  fetch(): Promise<{ name: string; bytes: Uint8Array }>;
}

/** One platform delivery (a Slack event or slash command, a WeCom message), already verified and parsed. */
export interface Incoming {
  key: string; // delivery key in the deliveries table
  channel: 'slack' | 'wecom' | 'wecom-bot';
  user: string; // channel-qualified user id
  thread: string; // channel-qualified conversation id: a report loaded here is visible only here
  scope: () => Promise<string>;
  command: ChatCommand;
  /** Resolved after the claim (Slack claims each file once, so a file shared twice is handled once). */
  files: () => Promise<IncomingFile[]>;
  /** Channels that stream (WeCom's 智能机器人): the answer so far, already through the number guard. */
  onPartial?: (text: string) => void;
}

export type Outgoing = { kind: 'reply'; reply: Reply } | { kind: 'notice'; text: string };
export type DeliveryOutcome = 'duplicate' | 'done' | 'failed';

/** How a delivery's answer reaches the platform. */
export interface Sender {
  send(message: Outgoing): Promise<void>;
  /**
   * After a crash while sending: did the reply arrive? Slack answers from the thread (the reply carries the delivery
   * key in its metadata). Absent: the platform has no such lookup and the recorded reply is sent again (WeCom, whose
   * duplicate check drops an identical resend).
   */
  delivered?(): Promise<boolean>;
  /**
   * A short notice while a slow answer is being made ("正在查阅报告…"): sent as it is, outside the ledger (it is not
   * the reply: a recovery never takes it for one). Absent: the channel shows no progress.
   */
  progress?(text: string): Promise<void>;
}

export interface DeliveryDeps {
  assistant: TurnHandler;
  ledger: DeliveryLedger;
  /** The heartbeat that keeps this instance's leases alive while it works; optional for one-off callers. */
  leases?: LeaseKeeper;
  pending: PendingActions;
  /**
   * Parse a chat file off the event loop, under memory and time limits, before the assistant sees it: returns the
   * Chinese sentence to tell the user when the file had to be stopped (too big once expanded, too slow), else
   * undefined. Absent: files go to the assistant as they are.
   */
  screenFile?: (name: string, bytes: Uint8Array) => Promise<string | undefined>;
  scopes: Pick<ScopeMap, 'isAdmin'>;
  ingester: KnowledgeIngester | undefined;
  logger: Logger;
  /**
   * A yield point between the steps of a turn (before the assistant, before sending): waits while the server is
   * acknowledging a burst of requests (WorkTracker.pause). Absent: no waiting.
   */
  pause?: () => Promise<void>;
}

/** An expected problem with a chat file: the user is told, the delivery is done. */
export class ChannelFileError extends Error {
  constructor(
    readonly code: 'file-too-large' | 'file-unavailable',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ChannelFileError';
  }
}

/** Another instance took the delivery over (this one stalled past its lease): it answers, this one stays quiet. */
class LeaseLostError extends Error {
  readonly code = 'lease-lost';
}

const StoredOutgoing = z.union([
  z.object({ kind: z.literal('notice'), text: z.string() }),
  z.object({ kind: z.literal('reply'), reply: z.looseObject({ text: z.string() }) }),
]);

/**
 * Claim the delivery (unless the caller already did, before acknowledging the platform), run it, send the result.
 * Failure policy: when the assistant, the store or the platform API fails mid-turn, the user gets
 * 「抱歉，处理时出错了，请稍后再试。」, the delivery is marked `failed` (so a redelivery of the same event runs it
 * again instead of being dropped as a duplicate) and the server carries on.
 */
export async function handleDelivery(
  deps: DeliveryDeps,
  incoming: Incoming,
  sender: Sender | ((message: Outgoing) => Promise<void>),
  options: { claim?: Claim; payload?: unknown } = {},
): Promise<DeliveryOutcome> {
  const log = deps.logger.child({ channel: incoming.channel, delivery: incoming.key });
  const out: Sender = typeof sender === 'function' ? { send: sender } : sender;
  let claim = options.claim;
  if (!claim) {
    try {
      claim = await deps.ledger.claim(incoming.key, incoming.channel, options.payload);
    } catch (error) {
      log.error('delivery.claim_failed', { errorCode: errorCode(error) });
      await out.send({ kind: 'notice', text: USER_MESSAGES.failed }).catch(() => undefined);
      return 'failed';
    }
    if (!claim) {
      log.info('delivery.duplicate');
      return 'duplicate';
    }
  }
  const held = [incoming.key];
  deps.leases?.hold(incoming.key);
  const started = Date.now();
  const fileKeys: string[] = [];
  // Mark "sending" first: only the owner sends, and a recovery knows a send may have happened.
  const send = async (message: Outgoing) => {
    await deps.pause?.();
    if (!(await deps.ledger.markSending(incoming.key, message))) throw new LeaseLostError('lease lost before sending');
    await out.send(message);
  };
  try {
    if (claim.sent && claim.outgoing !== null) {
      const outcome = await resumeSend(deps, incoming, claim, out, send, log);
      return outcome;
    }
    const message = await run(deps, incoming, out, (files) => {
      for (const file of files) {
        if (!file.claimKey) continue;
        fileKeys.push(file.claimKey);
        held.push(file.claimKey);
        deps.leases?.hold(file.claimKey);
      }
    });
    if (message) await send(message);
    // The user has the answer: a store hiccup now must not add an error message after it.
    await deps.ledger.finish(incoming.key, fileKeys).catch((error: unknown) => log.warn('delivery.mark_done_failed', { errorCode: errorCode(error) }));
    log.info('delivery.done', { ms: Date.now() - started, sent: message?.kind ?? 'nothing', attempts: claim.attempts });
    return 'done';
  } catch (error) {
    if (error instanceof LeaseLostError) {
      log.warn('delivery.lease_lost', { ms: Date.now() - started });
      return 'duplicate';
    }
    if (error instanceof ChannelFileError) {
      await send({ kind: 'notice', text: error.code === 'file-too-large' ? USER_MESSAGES.fileTooLarge : USER_MESSAGES.fileUnavailable })
        .then(() => deps.ledger.finish(incoming.key, fileKeys))
        .catch((sendError) => log.error('delivery.notice_failed', { errorCode: errorCode(sendError) }));
      log.warn('delivery.file_rejected', { errorCode: error.code });
      log.info('delivery.done', { ms: Date.now() - started, sent: 'notice', attempts: claim.attempts });
      return 'done';
    }
    log.error('delivery.failed', { errorCode: errorCode(error), ms: Date.now() - started });
    await deps.ledger.fail(incoming.key, errorCode(error), fileKeys).catch((e) => log.error('delivery.mark_failed_failed', { errorCode: errorCode(e) }));
    await out.send({ kind: 'notice', text: USER_MESSAGES.failed }).catch((e) => log.error('delivery.notice_failed', { errorCode: errorCode(e) }));
    return 'failed';
  } finally {
    for (const key of held) deps.leases?.release(key);
  }
}

/**
 * The previous owner died while sending. Ask the platform whether the reply arrived; if it did, the delivery is done;
 * if it did not (or the platform cannot tell), send the recorded reply — the same reply, not a new turn.
 */
async function resumeSend(
  deps: DeliveryDeps,
  incoming: Incoming,
  claim: Claim,
  out: Sender,
  send: (message: Outgoing) => Promise<void>,
  log: Logger,
): Promise<DeliveryOutcome> {
  const stored = StoredOutgoing.safeParse(claim.outgoing);
  if (out.delivered && (await out.delivered())) {
    await deps.ledger.finish(incoming.key);
    log.info('delivery.done', { sent: 'already', attempts: claim.attempts });
    return 'done';
  }
  if (!stored.success) throw new Error('recorded reply unreadable');
  await send(stored.data as Outgoing);
  await deps.ledger.finish(incoming.key).catch((error: unknown) => log.warn('delivery.mark_done_failed', { errorCode: errorCode(error) }));
  log.info('delivery.done', { sent: 'resent', attempts: claim.attempts });
  return 'done';
}

async function run(deps: DeliveryDeps, incoming: Incoming, out: Sender, onFiles: (files: IncomingFile[]) => void): Promise<Outgoing | undefined> {
  const { command } = incoming;
  if (command.kind === 'help') return { kind: 'notice', text: channelHelp(incoming.channel, '') };
  if (command.kind === 'unsupported') return { kind: 'notice', text: USER_MESSAGES.unsupported };
  const files = await incoming.files();
  onFiles(files);
  const wantsIngest =
    command.kind === 'ingest' || (files.length > 0 && (await deps.pending.take(incoming.thread, incoming.user)) === 'ingest');
  if (wantsIngest) return ingest(deps, incoming, files);
  const text = command.text === '' && files.length > 0 ? FILE_ONLY_TEXT : command.text;
  if (text === '') return undefined; // e.g. a bare mention whose only file another delivery already handled
  const attachments: Attachment[] = [];
  for (const file of files) {
    const attachment = await file.fetch();
    const refusal = await deps.screenFile?.(attachment.name, attachment.bytes);
    if (refusal !== undefined) return { kind: 'notice', text: USER_MESSAGES.fileRefused(attachment.name, refusal) };
    attachments.push(attachment);
  }
  await deps.pause?.();
  const reply = await deps.assistant.handle({
    text,
    user: incoming.user,
    scope: await incoming.scope(),
    thread: incoming.thread,
    attachments,
    ...(incoming.onPartial ? { onPartial: incoming.onPartial } : {}),
    channel: incoming.channel,
    ...(out.progress ? { onProgress: (notice: string) => void out.progress!(notice).catch(() => undefined) } : {}),
  });
  return { kind: 'reply', reply };
}

async function ingest(deps: DeliveryDeps, incoming: Incoming, files: IncomingFile[]): Promise<Outgoing> {
  if (!deps.scopes.isAdmin(incoming.user)) return { kind: 'notice', text: USER_MESSAGES.notAdmin };
  if (!deps.ingester) return { kind: 'notice', text: USER_MESSAGES.ingestOff };
  if (files.length === 0) {
    await deps.pending.set(incoming.thread, incoming.user, 'ingest');
    return { kind: 'notice', text: USER_MESSAGES.ingestWaiting };
  }
  const scope = await incoming.scope();
  const lines: string[] = [];
  for (const file of files) {
    const { name, bytes } = await file.fetch();
    const result = await deps.ingester.ingest({ scope, name, bytes, addedBy: incoming.user });
    lines.push(result.ok ? USER_MESSAGES.ingestDone(result.title, result.chunks) : USER_MESSAGES.ingestFailed(name, result.message));
  }
  deps.logger.info('delivery.ingested', { channel: incoming.channel, delivery: incoming.key, files: files.length });
  return { kind: 'notice', text: lines.join('\n') };
}
