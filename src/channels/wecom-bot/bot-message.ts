import { z } from 'zod';

/**
 * What WeCom's 智能机器人 sends, in both connection modes (the long connection's frame body and the decrypted JSON
 * callback are the same object): messages (text, file, mixed, voice; image and video are not read), the stream
 * refresh of the callback mode, and events (enter_chat, template_card_event, feedback_event). Validated with zod;
 * anything else is a bad frame.
 */
const Id = z.string().min(1).max(256);
const Base = {
  msgid: Id,
  aibotid: Id,
  chatid: z.string().max(256).optional(),
  chattype: z.enum(['single', 'group']).optional(),
  from: z.looseObject({ userid: z.string().min(1).max(128) }),
  response_url: z.url().max(2048).optional(),
  create_time: z.number().optional(),
};
const Text = z.object({ content: z.string().max(20_000) });

export const BotMessageSchema = z.discriminatedUnion('msgtype', [
  z.looseObject({ ...Base, msgtype: z.literal('text'), text: Text }),
  z.looseObject({ ...Base, msgtype: z.literal('voice'), voice: Text }),
  z.looseObject({ ...Base, msgtype: z.literal('file'), file: z.looseObject({ url: z.url().max(4096), aeskey: z.string().max(128).optional() }) }),
  z.looseObject({
    ...Base,
    msgtype: z.literal('mixed'),
    mixed: z.looseObject({ msg_item: z.array(z.looseObject({ msgtype: z.string(), text: Text.optional() })).max(50) }),
  }),
  z.looseObject({ ...Base, msgtype: z.literal('image') }),
  z.looseObject({ ...Base, msgtype: z.literal('video') }),
  z.looseObject({ ...Base, msgtype: z.literal('stream'), stream: z.looseObject({ id: Id }) }),
  z.looseObject({
    ...Base,
    msgtype: z.literal('event'),
    event: z.looseObject({
      eventtype: z.string().max(64),
      template_card_event: z.looseObject({ event_key: z.string().max(1024).optional(), task_id: z.string().max(256).optional() }).optional(),
      feedback_event: z
        .looseObject({
          id: z.string().max(256),
          type: z.number().int(),
          content: z.string().max(4000).optional(),
          inaccurate_reason_list: z.array(z.number().int()).max(20).optional(),
        })
        .optional(),
    }),
  }),
]);
export type BotMessage = z.infer<typeof BotMessageSchema>;

/** What a delivery needs to run again after a crash: the message and how it came (no secrets, no file bytes). */
export interface BotPayload {
  kind: 'wecom-bot-message';
  via: 'long-connection' | 'callback';
  message: BotMessage;
}

export function parseBotPayload(payload: unknown): BotPayload | undefined {
  const parsed = z
    .object({ kind: z.literal('wecom-bot-message'), via: z.enum(['long-connection', 'callback']), message: BotMessageSchema })
    .safeParse(payload);
  return parsed.success ? parsed.data : undefined;
}

/** The deliveries-ledger key of a message: WeCom resends with the same msgid. */
export function botDeliveryKey(message: Pick<BotMessage, 'aibotid' | 'msgid'>): string {
  return `wecom-bot:${message.aibotid}:msg:${message.msgid}`;
}

/** Where replies go: the group chat, or the user in a one-to-one chat (WeCom's chatid for active pushes). */
export function botChatId(message: BotMessage): string {
  return message.chattype === 'group' && message.chatid ? message.chatid : message.from.userid;
}

/** The conversation: a group chat is one conversation; a one-to-one chat is the user's. */
export function botThread(message: BotMessage): string {
  return message.chattype === 'group' && message.chatid
    ? `wecom-bot:${message.aibotid}:group:${message.chatid}`
    : `wecom-bot:${message.aibotid}:${message.from.userid}`;
}

export function botUser(message: BotMessage): string {
  return `wecom-bot:${message.aibotid}:${message.from.userid}`;
}

/** The words of a message; a group message's leading @mentions (「@助手 帮助」) are not part of them. */
export function messageWords(message: BotMessage): string | undefined {
  let text: string;
  if (message.msgtype === 'text' || message.msgtype === 'voice') text = message.msgtype === 'text' ? message.text.content : message.voice.content;
  else if (message.msgtype === 'mixed') text = message.mixed.msg_item.map((item) => item.text?.content ?? '').join('\n');
  else return undefined;
  return text.replace(/^(\s*@\S+)+\s*/u, '').trim();
}
