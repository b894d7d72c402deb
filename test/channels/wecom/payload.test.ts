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

  it('rejects a decrypted message of the wrong shape', () => {
    expect(() => parseMessage('<xml><MsgType>text</MsgType><Content>x</Content></xml>')).toThrow(WecomCallbackError);
    expect(() => parseMessage(textMessageXml({ corpId, user: 'u', content: 'x', msgId: 'not-a-number' }))).toThrow(WecomCallbackError);
  });
});
