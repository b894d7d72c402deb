import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { WecomCallbackError } from '../../../src/channels/wecom/callback-error.ts';
import { deliveryKey, parseEnvelope, parseMessage } from '../../../src/channels/wecom/payload.ts';
import { eventXml, fileMessageXml, textMessageXml } from '../../helpers/wecom-callback.ts';

const corpId = 'ww0123456789';

describe('WeCom callback XML', () => {
  it('reads a text message and keeps a 64-bit MsgId exact', () => {
    const message = parseMessage(textMessageXml({ corpId, user: 'zhangsan', content: '为什么扣了2分？<b>&', msgId: '7329847192837461234' }));
    expect(message).toMatchObject({ MsgType: 'text', FromUserName: 'zhangsan', Content: '为什么扣了2分？<b>&', MsgId: '7329847192837461234' });
    expect(deliveryKey(corpId, message)).toBe(`wecom:${corpId}:msg:7329847192837461234`);
  });

  it('reads a file message with its MediaId and FileName', () => {
    const message = parseMessage(fileMessageXml({ corpId, user: 'lisi', mediaId: 'MEDIA_1', fileName: '自评报告.docx', msgId: '42' }));
    expect(message).toMatchObject({ MsgType: 'file', MediaId: 'MEDIA_1', FileName: '自评报告.docx' });
  });

  it('keys events on FromUserName + CreateTime + Event', () => {
    const message = parseMessage(eventXml({ corpId, user: 'lisi', event: 'enter_agent', createTime: 1700000001 }));
    expect(deliveryKey(corpId, message)).toBe(`wecom:${corpId}:event:lisi:1700000001:enter_agent`);
  });

  it('reads the encrypted envelope of a POST', () => {
    expect(parseEnvelope('<xml><ToUserName><![CDATA[ww1]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt><AgentID><![CDATA[1]]></AgentID></xml>')).toBe('abc+/=');
  });

  it.each([
    ['empty', ''],
    ['not XML', 'hello'],
    ['truncated', '<xml><Encrypt><![CDATA[abc'],
    ['no Encrypt', '<xml><ToUserName>ww1</ToUserName></xml>'],
    ['entity declarations', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><Encrypt>&a;</Encrypt></xml>'],
  ])('rejects a malformed envelope (%s) with 400', (_name, xml) => {
    expect(() => parseEnvelope(xml)).toThrow(WecomCallbackError);
  });

  // The flat fast path must read exactly what the validator + full parser read, and leave everything else to them.
  const fullParser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true, processEntities: true });
  it.each([
    ['a text message', textMessageXml({ corpId, user: 'zhangsan', content: '为什么扣了2分？<b>& ]] >', msgId: '7329847192837461234' })],
    ['spaces and newlines kept inside CDATA', `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[u1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[  第一行\n第二行  ]]></Content><MsgId>1</MsgId></xml>`],
    ['whitespace between elements', `<xml>\n  <ToUserName><![CDATA[${corpId}]]></ToUserName>\n  <FromUserName><![CDATA[u1]]></FromUserName>\n  <CreateTime> 1700000000 </CreateTime>\n  <MsgType>text</MsgType><Content><![CDATA[x]]></Content><MsgId>1</MsgId>\n</xml>\n`],
    ['an entity in plain text', `<xml><ToUserName>${corpId}</ToUserName><FromUserName>a&amp;b</FromUserName><CreateTime>1700000000</CreateTime><MsgType>text</MsgType><Content>x &lt; y</Content><MsgId>1</MsgId></xml>`],
    ['an empty CDATA', `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><FromUserName><![CDATA[u1]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[]]></Content><MsgId>1</MsgId></xml>`],
    ['a file message', fileMessageXml({ corpId, user: 'lisi', mediaId: 'MEDIA_1', fileName: '自评报告.docx', msgId: '42' })],
    ['an event', eventXml({ corpId, user: 'lisi', event: 'enter_agent', createTime: 1700000001 })],
  ])('reads %s as the full parser does', (_name, xml) => {
    expect(parseMessage(xml)).toEqual(parseMessage(xml.replace('<xml>', '<?xml version="1.0"?><xml>'))); // the declaration forces the full parser
    expect(parseMessage(xml)).toMatchObject(fullParser.parse(xml).xml as Record<string, string>);
  });

  it.each([
    ['a repeated element', `<xml><Encrypt><![CDATA[abc]]></Encrypt><Encrypt><![CDATA[def]]></Encrypt></xml>`],
    ['an unclosed CDATA', '<xml><Encrypt><![CDATA[abc</Encrypt></xml>'],
    ['a mismatched close', '<xml><Encrypt><![CDATA[abc]]></Encrypted></xml>'],
    ['nested elements', '<xml><Encrypt><A>abc</A></Encrypt></xml>'],
    ['text after the root', '<xml><Encrypt><![CDATA[abc]]></Encrypt></xml><xml></xml>'],
  ])('leaves %s to the validator and the full parser', (_name, xml) => {
    let fast: unknown;
    let full: unknown;
    try {
      fast = parseEnvelope(xml);
    } catch (error) {
      fast = error instanceof WecomCallbackError ? error.code : error;
    }
    try {
      full = parseEnvelope(`<?xml version="1.0"?>${xml}`);
    } catch (error) {
      full = error instanceof WecomCallbackError ? error.code : error;
    }
    expect(fast).toEqual(full);
  });

  it('rejects a decrypted message of the wrong shape', () => {
    expect(() => parseMessage('<xml><MsgType>text</MsgType><Content>x</Content></xml>')).toThrow(WecomCallbackError);
    expect(() => parseMessage(textMessageXml({ corpId, user: 'u', content: 'x', msgId: 'not-a-number' }))).toThrow(WecomCallbackError);
  });
});
