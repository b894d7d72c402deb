import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { WecomCallbackError } from './callback-error.js';

/**
 * WeCom callback XML: the encrypted envelope of a POST, and the decrypted message inside it. fast-xml-parser reads
 * the XML (values kept as strings: a 64-bit MsgId must not become a float), zod checks the shape.
 */
const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true, processEntities: true });

function parseXml(xml: string): unknown {
  if (xml.length === 0 || /<!DOCTYPE|<!ENTITY/i.test(xml) || XMLValidator.validate(xml) !== true) {
    throw new WecomCallbackError('wecom-malformed-body', 400);
  }
  const document = parser.parse(xml) as { xml?: unknown };
  return document.xml;
}

const Text = z.string().max(1_000_000);
const Envelope = z.object({ Encrypt: z.string().min(1), ToUserName: Text.optional(), AgentID: Text.optional() });

/** The ciphertext of a POST body `<xml><ToUserName/><AgentID/><Encrypt/></xml>`. */
export function parseEnvelope(xml: string): string {
  const parsed = Envelope.safeParse(parseXml(xml));
  if (!parsed.success) throw new WecomCallbackError('wecom-malformed-body', 400);
  return parsed.data.Encrypt;
}

const Digits = z.string().regex(/^\d{1,20}$/);
const Common = {
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1).max(64),
  CreateTime: Digits,
  AgentID: z.string().optional(),
};
const TextMessage = z.object({ ...Common, MsgType: z.literal('text'), Content: Text, MsgId: Digits });
const FileMessage = z.object({
  ...Common,
  MsgType: z.literal('file'),
  MediaId: z.string().min(1).max(512),
  FileName: z.string().max(255).optional(),
  MsgId: Digits,
});
const OtherMessage = z.object({
  ...Common,
  MsgType: z.enum(['image', 'voice', 'video', 'location', 'link']),
  MsgId: Digits,
});
const EventMessage = z.object({ ...Common, MsgType: z.literal('event'), Event: z.string().min(1).max(64) });
export const WecomMessageSchema = z.discriminatedUnion('MsgType', [TextMessage, FileMessage, OtherMessage, EventMessage]);
const Message = WecomMessageSchema;

export type WecomMessage = z.infer<typeof Message>;

/** The decrypted message; a 400 when it is not one of the kinds WeCom sends to an application. */
export function parseMessage(xml: string): WecomMessage {
  const parsed = Message.safeParse(parseXml(xml));
  if (!parsed.success) throw new WecomCallbackError('wecom-malformed-body', 400);
  return parsed.data;
}

/** Dedupe key: MsgId for messages, FromUserName + CreateTime + Event for events (WeCom's own guidance). */
export function deliveryKey(corpId: string, message: WecomMessage): string {
  return message.MsgType === 'event'
    ? `wecom:${corpId}:event:${message.FromUserName}:${message.CreateTime}:${message.Event}`
    : `wecom:${corpId}:msg:${message.MsgId}`;
}
