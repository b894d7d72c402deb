import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

/** WeCom's official sample (developer docs, 回调配置 / 加解密方案): must verify. */
export const WECOM_OFFICIAL_SAMPLE = {
  token: 'QDG6eK',
  corpId: 'wx5823bf96d3bd56c7',
  encodingAesKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C',
  query:
    'msg_signature=5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3&timestamp=1409659589&nonce=263014780&echostr=P9nAzCzyDtyTWESHep1vC5X9xho%2FqYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp%2B4RPcs8TgAE7OaBO%2BFZXvnaqQ%3D%3D',
  echo: '1616140317555161061',
} as const;

export interface WecomApp {
  token: string;
  corpId: string;
  encodingAesKey: string;
}

/** A random valid EncodingAESKey (43 base64 characters without padding). */
export function randomEncodingAesKey(): string {
  return randomBytes(32).toString('base64').replace(/[+/=]/g, 'A').slice(0, 43);
}

/** The query of a URL verification GET, encrypted and signed as WeCom does. */
export function verificationQuery(app: WecomApp, echo: string, receiveId = app.corpId): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const echostr = encrypt(app.encodingAesKey, echo, receiveId);
  const signature = getSignature(app.token, timestamp, nonce, echostr);
  return new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr }).toString();
}

/** A message POST: the plaintext XML encrypted into the <Encrypt> envelope, the query signed. */
export function callbackRequest(
  app: WecomApp,
  plainXml: string,
  options: { receiveId?: string; agentId?: string; timestamp?: number } = {},
): { query: string; body: string } {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(6).toString('hex');
  const encrypted = encrypt(app.encodingAesKey, plainXml, options.receiveId ?? app.corpId);
  const signature = getSignature(app.token, timestamp, nonce, encrypted);
  const body = `<xml><ToUserName><![CDATA[${app.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt><AgentID><![CDATA[${options.agentId ?? '1000002'}]]></AgentID></xml>`;
  return { query: new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString(), body };
}

export function textMessageXml(fields: { corpId: string; user: string; content: string; msgId: string; createTime?: number }): string {
  return `<xml><ToUserName><![CDATA[${fields.corpId}]]></ToUserName><FromUserName><![CDATA[${fields.user}]]></FromUserName><CreateTime>${fields.createTime ?? 1700000000}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${fields.content}]]></Content><MsgId>${fields.msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

export function fileMessageXml(fields: { corpId: string; user: string; mediaId: string; fileName?: string; msgId: string }): string {
  const name = fields.fileName === undefined ? '' : `<FileName><![CDATA[${fields.fileName}]]></FileName>`;
  return `<xml><ToUserName><![CDATA[${fields.corpId}]]></ToUserName><FromUserName><![CDATA[${fields.user}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[file]]></MsgType><MediaId><![CDATA[${fields.mediaId}]]></MediaId>${name}<MsgId>${fields.msgId}</MsgId><AgentID>1000002</AgentID></xml>`;
}

export function eventXml(fields: { corpId: string; user: string; event: string; createTime: number }): string {
  return `<xml><ToUserName><![CDATA[${fields.corpId}]]></ToUserName><FromUserName><![CDATA[${fields.user}]]></FromUserName><CreateTime>${fields.createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${fields.event}]]></Event><AgentID>1000002</AgentID></xml>`;
}

/** POST a callback to the server. */
export function postWecom(baseUrl: string, request: { query: string; body: string }): Promise<Response> {
  return fetch(`${baseUrl}/wecom/callback?${request.query}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: request.body,
  });
}

/** The same request with its msg_signature changed in one hex digit (always a different, hence wrong, signature). */
export function tamperSignature(query: string): string {
  return query.replace(/msg_signature=([0-9a-f])/, (_match, digit: string) => `msg_signature=${digit === '0' ? '1' : '0'}`);
}
