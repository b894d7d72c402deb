/** Why a WeCom callback request was rejected (answered with a 4xx and never processed). */
export type WecomRejection =
  | 'wecom-missing-parameters'
  | 'wecom-bad-signature'
  | 'wecom-decrypt-failed'
  | 'wecom-bad-receive-id'
  | 'wecom-malformed-body'
  | 'wecom-body-too-large'
  | 'wecom-stale-timestamp';

export class WecomCallbackError extends Error {
  constructor(
    readonly code: WecomRejection,
    readonly status: 400 | 401 | 403 | 413,
    options?: { cause?: unknown },
  ) {
    super(code, options);
    this.name = 'WecomCallbackError';
  }
}
