import { createHash } from 'node:crypto';
import type { Reply } from '../../assistant/turn.js';
import type { FeedbackStore } from '../../store/chat-feedback.js';
import { parseChatCommand, type ChatCommand } from '../chat-command.js';
import type { Claim } from '../dedupe.js';
import { handleDelivery, type DeliveryDeps, type IncomingFile, type Outgoing } from '../handle-delivery.js';
import { errorCode } from '../logger.js';
import type { ScopeMap } from '../scopes.js';
import { renderWecomMarkdown } from '../wecom/render-markdown.js';
import { botDeliveryKey, botThread, botUser, messageWords, type BotMessage, type BotPayload } from './bot-message.js';
import { clipToBytes, type BotOutput } from './bot-output.js';
import { BOT_TEXTS } from './bot-texts.js';
import { downloadBotFile } from './download-bot-file.js';
import { nextStepsCard, wordsOfCardKey } from './template-card.js';

export interface BotTurnDeps extends DeliveryDeps {
  scopeMap: ScopeMap;
  feedback: FeedbackStore;
  /** The key a file message's bytes are encrypted with: its own aeskey (long connection) or the EncodingAESKey. */
  fileKey(message: Extract<BotMessage, { msgtype: 'file' }>): string | undefined;
}

/** The stream id (and feedback id) of a delivery's answer: the same after a crash or a resent message. */
export function streamIdOf(key: string): string {
  return `s${createHash('sha256').update(key).digest('hex').slice(0, 31)}`;
}

/** What a message asks the assistant, or undefined when it needs no turn (enter_chat, feedback, unknown card key). */
export function commandOf(message: BotMessage): ChatCommand | undefined {
  if (message.msgtype === 'file') return { kind: 'turn', text: '' };
  if (message.msgtype === 'event') {
    if (message.event.eventtype !== 'template_card_event') return undefined;
    const words = wordsOfCardKey(message.event.template_card_event?.event_key);
    return words === undefined ? undefined : { kind: 'turn', text: words };
  }
  if (message.msgtype === 'stream') return undefined;
  const words = messageWords(message);
  return words === undefined ? { kind: 'unsupported' } : parseChatCommand(words);
}

/**
 * Run one claimed 智能机器人 delivery through the shared delivery path (handleDelivery: ledger, file screen, the
 * assistant, failure policy), answering through `out`: a stream whose first frame went out when the message was
 * accepted, the model's guarded partial answer while it is written, then the final answer (short part first, the
 * rest streamed), the next-steps card, the files, and the answer recorded for 👍/👎.
 */
export async function runBotTurn(deps: BotTurnDeps, payload: BotPayload, out: BotOutput, claim?: Claim): Promise<void> {
  const { message } = payload;
  const command = commandOf(message);
  if (!command) return;
  const key = botDeliveryKey(message);
  const thread = botThread(message);
  const user = botUser(message);
    const files = filesOf(deps, message);
    await handleDelivery(
      deps,
      {
        key,
        channel: 'wecom-bot',
        user,
        thread,
        scope: async () => deps.scopeMap.wecomBotScope({ bot: message.aibotid, chat: message.chattype === 'group' ? message.chatid : undefined, user: message.from.userid }),
        command,
        files: async () => files,
        onPartial: (text) => void out.progress(clipToBytes(text)).catch(() => undefined),
      },
      {
        send: (outgoing) => sendAnswer(deps, out, outgoing, { key, thread, user, question: command.kind === 'turn' ? command.text : '' }),
        // The assistant's "still working" notice replaces the first frame (the stream shows the newest text).
        progress: (text) => out.progress(text),
      },
      claim ? { claim } : { payload },
    );
}

/**
 * A file message's file, downloaded only once the delivery is claimed. A 智能机器人 file message carries no words:
 * 「批注」 and 「起草全文」 come as the next message, and the assistant answers them on the thread's last file.
 */
function filesOf(deps: BotTurnDeps, message: BotMessage): IncomingFile[] {
  if (message.msgtype !== 'file') return [];
  const { url } = message.file;
  const aesKey = deps.fileKey(message);
  return [{
    name: 'file',
    fetch: async () => {
      if (!aesKey) throw new Error('no file key');
      return downloadBotFile(url, aesKey);
    },
  }];
}

async function sendAnswer(
  deps: BotTurnDeps,
  out: BotOutput,
  outgoing: Outgoing,
  turn: { key: string; thread: string; user: string; question: string },
): Promise<void> {
  if (outgoing.kind === 'notice') {
    await out.finish(clipToBytes(outgoing.text), undefined);
    return;
  }
  const reply: Reply = outgoing.reply;
  const files = reply.files ?? [];
  let markdown = renderWecomMarkdown(reply);
  if (files.length > 0 && !out.sendFile) markdown += `\n\n${BOT_TEXTS.filesOff}`;
  markdown = clipToBytes(markdown);
  // The short answer first, the rest streamed in after it.
  const blocks = markdown.split('\n\n');
  for (let shown = 1; shown < blocks.length; shown += 1) await out.progress(blocks.slice(0, shown).join('\n\n'));
  const card = reply.findings.length > 0 || reply.details !== undefined ? nextStepsCard(streamIdOf(turn.key), firstLine(reply.text)) : undefined;
  await out.finish(markdown, card);
  for (const file of files) await out.sendFile?.(file.name, file.bytes);
  if (out.feedbackId) {
    await deps.feedback
      .recordAnswer({ feedbackId: out.feedbackId, channel: 'wecom-bot', thread: turn.thread, user: turn.user, question: turn.question, answer: reply.text, mode: reply.mode })
      .catch((error: unknown) => deps.logger.warn('wecom-bot.feedback_record_failed', { errorCode: errorCode(error) }));
  }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}

/** The first frame of a stream, sent when the message is accepted: the user sees at once that work started. */
export function firstFrameText(message: BotMessage): string {
  return message.msgtype === 'file' ? BOT_TEXTS.checkingFile : BOT_TEXTS.working;
}
