import { describe, expect, it } from 'vitest';
import { encrypt, getSignature } from '@wecom/crypto';
import { WecomCallbackError } from '../../../src/channels/wecom/callback-error.ts';
import { decryptForCorp } from '../../../src/channels/wecom/crypto.ts';
import { parseCallbackQuery, signedParameters, verifySignature } from '../../../src/channels/wecom/verify.ts';
import { WECOM_OFFICIAL_SAMPLE as SAMPLE } from '../../helpers/wecom-callback.ts';

function verifyUrl(query: string, app: { token: string; encodingAesKey: string; corpId: string } = SAMPLE): string {
  const values = parseCallbackQuery(query);
  const echo = values.get('echostr')!;
  verifySignature(app.token, signedParameters(values), echo);
  return decryptForCorp(app.encodingAesKey, echo, app.corpId);
}

function rejection(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WecomCallbackError) return `${error.status} ${error.code}`;
    throw error;
  }
  return 'accepted';
}

describe('WeCom URL verification', () => {
  it("verifies WeCom's official sample and returns the plain echostr", () => {
    expect(verifyUrl(SAMPLE.query)).toBe(SAMPLE.echo);
  });

  it('URL-decodes the query but keeps a literal "+" (base64), unlike form decoding', () => {
    const literalPlus = SAMPLE.query.replace(/%2B/g, '+');
    expect(parseCallbackQuery(literalPlus).get('echostr')).toContain('+');
    expect(verifyUrl(literalPlus)).toBe(SAMPLE.echo);
  });

  it('rejects a tampered signature, timestamp, nonce or echostr with 401', () => {
    const flip = (query: string, name: string, value: string) => query.replace(new RegExp(`${name}=[^&]*`), `${name}=${value}`);
    expect(rejection(() => verifyUrl(flip(SAMPLE.query, 'msg_signature', '5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd4')))).toBe('401 wecom-bad-signature');
    expect(rejection(() => verifyUrl(flip(SAMPLE.query, 'timestamp', '1409659590')))).toBe('401 wecom-bad-signature');
    expect(rejection(() => verifyUrl(flip(SAMPLE.query, 'nonce', '263014781')))).toBe('401 wecom-bad-signature');
    expect(rejection(() => verifyUrl(SAMPLE.query.replace('P9nAzCzy', 'P9nAzCzz')))).toBe('401 wecom-bad-signature');
  });

  it('rejects missing or malformed parameters with 400', () => {
    expect(rejection(() => verifyUrl(SAMPLE.query.replace(/msg_signature=[^&]*&/, '')))).toBe('400 wecom-missing-parameters');
    expect(rejection(() => verifyUrl(SAMPLE.query.replace('timestamp=1409659589', 'timestamp=abc')))).toBe('400 wecom-missing-parameters');
    expect(rejection(() => parseCallbackQuery('echostr=%E0%A4%A'))).toBe('400 wecom-missing-parameters');
  });

  it('rejects a message encrypted for another corp (receive id) with 403, even when correctly signed', () => {
    const echostr = encrypt(SAMPLE.encodingAesKey, '12345', 'ww-other-corp');
    const signature = getSignature(SAMPLE.token, '1409659589', '1', echostr);
    const query = `msg_signature=${signature}&timestamp=1409659589&nonce=1&echostr=${encodeURIComponent(echostr)}`;
    expect(rejection(() => verifyUrl(query))).toBe('403 wecom-bad-receive-id');
  });

  it('rejects ciphertext made with another key (the library does not throw, the receive id check does)', () => {
    const otherKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
    const echostr = encrypt(otherKey, '12345', SAMPLE.corpId);
    expect(rejection(() => decryptForCorp(SAMPLE.encodingAesKey, echostr, SAMPLE.corpId))).toMatch(/^(403 wecom-bad-receive-id|400 wecom-decrypt-failed)$/);
  });

  it('rejects truncated or non-base64 ciphertext with 400', () => {
    const echostr = parseCallbackQuery(SAMPLE.query).get('echostr')!;
    expect(rejection(() => decryptForCorp(SAMPLE.encodingAesKey, echostr.slice(0, 30), SAMPLE.corpId))).toBe('400 wecom-decrypt-failed');
    expect(rejection(() => decryptForCorp(SAMPLE.encodingAesKey, 'not base64!', SAMPLE.corpId))).toBe('400 wecom-decrypt-failed');
    expect(rejection(() => decryptForCorp(SAMPLE.encodingAesKey, '', SAMPLE.corpId))).toBe('400 wecom-decrypt-failed');
  });
});
