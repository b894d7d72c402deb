/** A WeCom API call failed (transport, HTTP status or a non-zero errcode). */
export class WecomApiError extends Error {
  readonly code = 'wecom-api-error';
  constructor(
    message: string,
    readonly errcode: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WecomApiError';
  }
}
